"""The formula in plain Dutch, for notebooks and reports (:data:`FORMULE_UITLEG`)."""

from __future__ import annotations

FORMULE_UITLEG = """\
Zo komt het totaal van een opgave of koppeling tot stand:

1. Heeft iemand hetzelfde onderwerp op hetzelfde criterium vaker gescoord, dan telt alleen
   zijn of haar laatste score: bij een werksessie die uit de laatste ronde waarin die
   deelnemer het onderwerp scoorde (tenzij bij de ranglijst staat dat één ronde of alle
   rondes getoond worden). Deelnemers van een werksessie zijn eigen scorers
   (hun naam met "(werksessie 1)" erachter), nooit dezelfde als iemand met die naam erbuiten.
2. Per groep (bijvoorbeeld projectteam of bewoners) en per criterium nemen we het gemiddelde
   van de scores. Bij een criterium waar "lager is beter" geldt (zoals kosten), draaien we dat
   gemiddelde om: een 1 op een schaal van 1 tot 5 telt als een 5, een 2 als een 4, enzovoort
   (omgedraaid = laagste schaalwaarde + hoogste schaalwaarde - gemiddelde).
3. Gebruiken criteria verschillende schalen (bijvoorbeeld 1 tot 5 naast 0 tot 100), dan zetten
   we elk gemiddelde eerst om naar de gemeenschappelijke schaal van het kader, de schaal die de
   meeste criteria gebruiken (L tot H):
   omgezet = L + (H - L) x (gemiddelde - laagste schaalwaarde) / (hoogste - laagste schaalwaarde).
   Zo telt een brede schaal niet zwaarder dan een smalle. Criteria die al op de
   gemeenschappelijke schaal staan, blijven gelijk.
4. Per criterium tellen alle groepen even zwaar mee, tenzij er groepsgewichten zijn
   afgesproken. Een groep die een criterium niet scoorde, telt voor dat criterium niet mee.
5. Het totaal is het gewogen gemiddelde over de criteria: elk criterium-gemiddelde keer zijn
   gewicht, opgeteld, gedeeld door de som van de gewichten. Het totaal staat dus op de
   gemeenschappelijke schaal en kan direct naast de drempel worden gelegd.
6. Een onderwerp is volledig gescoord als elk criterium scores heeft van de groepen die het
   kader vraagt (bijvoorbeeld: minstens twee groepen, of in elk geval de bewoners). Een
   onvolledig onderwerp krijgt geen plaats in de ranglijst en haalt de drempel nooit: het
   staat apart, met de reden erbij. Zijn totaal (over de criteria die wel gescoord zijn) is
   alleen ter informatie.
7. De bijdrage van een criterium is zijn gewicht keer zijn gemiddelde, gedeeld door de som
   van de gewichten. De bijdragen samen zijn precies het totaal.
8. Een volledig onderwerp haalt de drempel als zijn totaal, afgerond op twee decimalen,
   minstens gelijk is aan de drempel. Onderwerpen met hetzelfde afgeronde totaal delen
   dezelfde plaats.
9. Staan alle gewichten (of alle groepsgewichten) op 0, of is de drempel geen getal, dan
   rekenen we niet: zo'n kader wordt geweigerd met een melding.
"""
