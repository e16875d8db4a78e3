"""Default chapters of the activity report, in our own words; the office edits them.

The chapter with key ``statistik`` is followed by the generated tables 6.1–6.6 and charts.
"""

STATISTICS_CHAPTER = "statistik"

DEFAULT_CHAPTERS = [
    ("einleitung", "1 Einleitung",
     "Die Härtefallkommission des Landes arbeitet seit 2005 auf der Grundlage von § 23a des "
     "Aufenthaltsgesetzes und der Härtefallkommissionsverordnung des Landes (HFKVO).\n\n"
     "Sie kann sich für Menschen einsetzen, die ausreisen müssten, obwohl dringende persönliche "
     "oder humanitäre Gründe für ihren weiteren Aufenthalt sprechen. Das Verfahren ergänzt das "
     "übrige Aufenthaltsrecht; es ersetzt weder Rechtsmittel noch eine gerichtliche Überprüfung, "
     "und niemand hat einen Anspruch darauf, dass die Kommission sich mit einem Fall befasst."),
    ("aufgaben", "2 Aufgaben",
     "Die Kommission prüft im Einzelfall, ob Gründe vorliegen, die einen weiteren Aufenthalt "
     "rechtfertigen. Bejaht sie das, richtet sie ein Härtefallersuchen an die zuständige "
     "Ausländerbehörde.\n\n"
     "Das Ersuchen ist die Voraussetzung dafür, dass die Behörde abweichend von den sonstigen "
     "Erteilungsvoraussetzungen eine Aufenthaltserlaubnis nach § 23a AufenthG erteilen darf. Ob "
     "sie es tut, entscheidet die Behörde selbst."),
    ("verfahren", "3 Verfahren",
     "Einen Antrag kann jede Person bei der Geschäftsstelle einreichen. Die Geschäftsstelle prüft "
     "zuerst, ob ein zwingender Ausschlussgrund nach § 5 Abs. 1 HFKVO vorliegt – etwa ein noch "
     "laufendes Asylverfahren oder die Zuständigkeit einer Behörde in einem anderen Land.\n\n"
     "Liegt keiner vor, entscheidet der Vorprüfungsausschuss, ob die Kommission den Fall "
     "aufgreift. Danach holt die Geschäftsstelle eine Stellungnahme der Ausländerbehörde und bei "
     "Bedarf weitere Unterlagen ein.\n\n"
     "Die Kommission berät nicht öffentlich. Ein Ersuchen braucht die Mehrheit der anwesenden "
     "Mitglieder; Beratungsinhalte und Abstimmungsverhalten sind vertraulich."),
    ("zusammensetzung", "4 Zusammensetzung",
     "Die Mitglieder werden auf Vorschlag von Kirchen, Wohlfahrtsverbänden, Flüchtlingsrat und "
     "PRO ASYL benannt; hinzu kommen Leitungen von Ausländerbehörden, eine Ärztin oder ein Arzt "
     "und eine Vertretung des zuständigen Ministeriums. Jedes Mitglied hat eine Stellvertretung. "
     "Die Leitung der Geschäftsstelle führt den Vorsitz."),
    ("beratung", "5 Beratung",
     "Die Kommission wägt alle Umstände des Einzelfalls ab: Integration, Krankheit, familiäre "
     "Bindungen, Dauer des Aufenthalts. Soll-Ausschlussgründe nach § 5 Abs. 2 HFKVO gehen in diese "
     "Abwägung ein.\n\n"
     "Das Verfahren ist nachrangig: Kommt eine Aufenthaltserlaubnis auf anderer Rechtsgrundlage "
     "in Betracht, geht diese vor. Ein Ersuchen kann mit Erwartungen verbunden werden, etwa der "
     "Mitwirkung bei der Passbeschaffung oder der Aufnahme einer Beschäftigung."),
    (STATISTICS_CHAPTER, "6 Statistik",
     "Alle Tabellen beziehen sich auf das Jahr des Antragseingangs und geben den Stand am "
     "Stichtag wieder. Was nach dem Stichtag geschah, ist nicht berücksichtigt; „offen“ heißt, "
     "dass bis zum Stichtag noch keine Entscheidung vorlag."),
    ("ausblick", "7 Ausblick",
     "Hier kann die Geschäftsstelle über geplante Änderungen der Verordnung und andere "
     "Entwicklungen berichten."),
]
