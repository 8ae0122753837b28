"""The area names of each revision as FRAMEWORKS.md lists them, written out independently of
the data files so that a typo in either shows up."""

from __future__ import annotations

NAMES_2016 = [
    "Offentlighet och demokrati",
    "Tillgänglighet och brukarorientering",
    "Politisk styrning och kontroll",
    "Ledarskap, ansvar och delegation",
    "Resultat och effektivitet",
    "Kommunen som arbetsgivare - personalpolitik",
    "Ständiga förbättringar",
    "Kommunen som samhällsbyggare",
]
NAMES_2010 = [*NAMES_2016[:5], "Kommunen som arbetsgivare personalpolitik",
              "Verksamhetsutveckling", "Kommunen som samhällsbyggare"]  # fmt: skip
NAMES_2020 = [
    "Samspel mellan förtroendevalda och medborgare",
    "Samhällsutveckling",
    "Styrning och kontroll",
    "Effektivitet",
    "Brukarens fokus",
    "Kvalitetsutveckling",
    "Arbetsliv",
    "Chefs- och ledarskap samt medarbetarskap",
]
NAMES_2002 = [
    "Offentlighet och demokratisk kontroll",
    "Tillgänglighet och brukarorientering",
    "Klarhet i samspelet mellan politik och administration",
    "Ledning, decentralisering och delegation",
    "Kontroll- och rapporteringssystem",
    "Personalförvaltning",
    "Förnyelsepolitik",
    "Samhällsbyggnad",
]
