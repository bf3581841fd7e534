import pytest
from sitlog.domain.weapons import TAXONOMY, WeaponCategory, name_key, resolve

C = WeaponCategory


@pytest.mark.parametrize(
    ("typed", "canonical", "category"),
    [
        ("shahed", "Shahed-136/131", C.ATTACK_DRONE),
        ("Shahed-136/131", "Shahed-136/131", C.ATTACK_DRONE),
        ("SHAHED 136", "Shahed-136/131", C.ATTACK_DRONE),
        ("Geran-2", "Shahed-136/131", C.ATTACK_DRONE),
        ("Герань-2", "Shahed-136/131", C.ATTACK_DRONE),
        ("шахед", "Shahed-136/131", C.ATTACK_DRONE),
        ("gerbera", "Gerbera", C.DECOY_DRONE),
        ("imitator drone", "Decoy drone", C.DECOY_DRONE),
        ("Orlan-10", "Orlan-10", C.RECON_DRONE),
        ("drone", "Drone", C.DRONE),
        ("БпЛА", "Drone", C.DRONE),
        ("iskander-m", "Iskander-M", C.BALLISTIC_MISSILE),
        ("Іскандер-М", "Iskander-M", C.BALLISTIC_MISSILE),
        ("Искандер-М", "Iskander-M", C.BALLISTIC_MISSILE),
        ("kinzhal", "Kh-47M2 Kinzhal", C.AEROBALLISTIC_MISSILE),
        ("Кинжал", "Kh-47M2 Kinzhal", C.AEROBALLISTIC_MISSILE),
        ("X-47 Kinzhal", "Kh-47M2 Kinzhal", C.AEROBALLISTIC_MISSILE),
        ("kalibr", "Kalibr", C.CRUISE_MISSILE),
        ("Калібр", "Kalibr", C.CRUISE_MISSILE),
        ("Kh-101", "Kh-101", C.CRUISE_MISSILE),
        ("X-101", "Kh-101", C.CRUISE_MISSILE),
        ("\u0425-101", "Kh-101", C.CRUISE_MISSILE),  # Cyrillic Kha
        ("X-101/X-555", "Kh-101/Kh-555", C.CRUISE_MISSILE),
        ("x 59", "Kh-59", C.CRUISE_MISSILE),
        ("S-300", "S-300", C.BALLISTIC_MISSILE),
        ("C-300", "S-300", C.BALLISTIC_MISSILE),
        ("\u0421-300", "S-300", C.BALLISTIC_MISSILE),  # Cyrillic Es
        ("C-300/C-400", "S-300/S-400", C.BALLISTIC_MISSILE),
        ("KAB", "KAB", C.GUIDED_BOMB),
        ("missile", "Missile", C.MISSILE),
        ("Unknown Missile", "Missile", C.MISSILE),
        ("HIMARS", "GMLRS", C.OTHER),
    ],
)
def test_aliases_in_any_script_resolve_to_the_canonical_weapon(typed, canonical, category):
    weapon = resolve(typed)
    assert (weapon.name, weapon.category) == (canonical, category)
    assert weapon.classified


def test_an_unknown_name_is_kept_verbatim_as_unclassified():
    weapon = resolve("  Lyutyi   Mk2 ")
    assert weapon.name == "Lyutyi Mk2"
    assert weapon.category is C.UNCLASSIFIED
    assert not weapon.classified
    assert resolve("lyutyi-mk2").key == weapon.key  # later spellings still meet it


def test_a_salvo_of_known_weapons_takes_their_common_category():
    assert resolve("X-101/X-555 and Kalibr") == resolve("Kh-101/Kh-555 and Kalibr")
    assert resolve("X-101/X-555 and Kalibr").category is C.CRUISE_MISSILE
    assert resolve("Iskander-M and Iskander-K").category is C.MISSILE
    assert resolve("Orlan-10 and ZALA and Supercam").category is C.RECON_DRONE
    assert resolve("Shahed-136/131 and Orlan-10").category is C.DRONE
    assert resolve("Kalibr and Mystery-9").category is C.UNCLASSIFIED


# Every model of shared/data/missile-attacks/missiles_and_uavs.csv, with its category there.
REFERENCE_MODELS = {
    "UAV": [
        "Eleron", "Forpost", "Granat-4", "Kub", "Lancet", "Merlin-VR", "Mohajer-6", "Orion", "Orlan-10",
        "Orlan-10 and Orlan-30 and ZALA and Supercam", "Orlan-10 and Supercam", "Orlan-10 and ZALA",
        "Orlan-10 and ZALA and Supercam", "Orlan-30", "Reconnaissance UAV", "Shahed-136/131",
        "Shahed-136/131 and Lancet", "Supercam", "Unknown UAV", "ZALA", "Молнія", "Молнія and Lancet",
    ],
    "ballistic missile": [
        "Ballistic Missile", "Intercontinental Ballistic Missile", "Iskander-M", "Iskander-M/KN-23", "KN-23",
        "X-47 Kinzhal", "X-47 Kinzhal and Iskander-M",
    ],
    "cruise missile": [
        "3M22 Zircon", "Banderol", "Iskander-K", "Iskander-K and Kalibr", "Kalibr", "P-800 Oniks",
        "Unknown Missile", "X-101/X-555", "X-101/X-555 and Iskander-K", "X-101/X-555 and Kalibr",
        "X-101/X-555 and Kalibr and Iskander-K", "X-101/X-555 and Kalibr and Iskander-K and X-59",
        "X-101/X-555 and Kalibr and X-22", "X-101/X-555 and Kalibr and X-59/X-69", "X-22",
        "X-22 and X-31P", "X-22 and X-32", "X-31", "X-31P", "X-31PD", "X-32", "X-35",
        "X-47 Kinzhal and Iskander-M/KN-23", "X-59", "X-59 and X-35", "X-59/X-69", "X-59MK2", "X-69",
    ],
    "guided bomb": ["GBU"],
    "surface-to-air and ballistic": [
        "C-300 and Iskander-M", "C-300/C-400 and Iskander-M", "C-400 and Iskander-M",
    ],
    "surface-to-air missile": ["C-300", "C-300/C-400", "C-400"],
}
FAMILIES = {
    "UAV": {C.ATTACK_DRONE, C.DECOY_DRONE, C.RECON_DRONE, C.DRONE},
    "ballistic missile": {C.BALLISTIC_MISSILE, C.AEROBALLISTIC_MISSILE, C.MISSILE},
    "cruise missile": {C.CRUISE_MISSILE, C.MISSILE},
    "guided bomb": {C.GUIDED_BOMB},
    "surface-to-air and ballistic": {C.BALLISTIC_MISSILE},
    "surface-to-air missile": {C.BALLISTIC_MISSILE},
}


@pytest.mark.parametrize("kind", REFERENCE_MODELS)
def test_every_model_of_the_reference_table_is_classified_in_its_family(kind):
    for model in REFERENCE_MODELS[kind]:
        assert resolve(model).category in FAMILIES[kind], model


def test_no_alias_names_two_weapons_and_every_category_is_used():
    seen: dict[str, str] = {}
    for name, _, aliases in TAXONOMY:
        for alias in {name_key(a) for a in (name, *aliases)}:
            assert seen.setdefault(alias, name) == name, f"{alias} is both {seen[alias]} and {name}"
    used = {category for _, category, _ in TAXONOMY}
    assert used == set(WeaponCategory) - {C.UNCLASSIFIED}


# Models of shared/data/missile-attacks/missile_attacks_daily.csv that its reference table lacks.
DAILY_ONLY = {"Фенікс": ("Fenix", C.RECON_DRONE), "Aerial Bomb": ("KAB", C.GUIDED_BOMB),
              "Картограф": ("Kartograf", C.RECON_DRONE), "Привет-82": ("Privet-82", C.ATTACK_DRONE)}


def test_the_models_only_the_daily_file_names_are_classified_too():
    assert {model: (resolve(model).name, resolve(model).category) for model in DAILY_ONLY} == DAILY_ONLY
