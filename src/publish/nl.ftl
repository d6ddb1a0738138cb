# praxis publish: wat het zegt terwijl het de site naar de host stuurt.

plan = { $to } ({ $kind }): { $added ->
        [one] { $added } nieuw bestand
       *[other] { $added } nieuwe bestanden
    }, { $changed } gewijzigd, { $removed } verwijderd; { $size } te versturen.
plan-added = nieuw
plan-changed = gewijzigd
plan-removed = verwijderd
nothing = { $to } is al bijgewerkt: er valt niets te publiceren.
dry-run = Er is niets verstuurd: dit was een proef (--dry-run).
ask = Deze wijzigingen publiceren? [j/N]
sending = versturen
done = { $sent ->
        [one] { $sent } bestand
       *[other] { $sent } bestanden
    } gepubliceerd ({ $size }), { $removed } verwijderd, naar { $to } in { $seconds } s.
after = Uitgevoerd op de host: { $command }

no-targets = In site.toml staat nog geen plaats om naar te publiceren.
no-targets-help = voeg een tabel [publish.site] toe met to = "ssh://jij@jouw-host/pad/naar/site" (het deel Publishing van de README toont elke soort host)
unknown-target = site.toml heeft geen [publish.{ $name }].
unknown-target-help = publiceer naar een van: { $known }
url-mismatch = Volgens [publish.{ $name }] staat de site op { $url }, maar base_url is { $base }: de links en het adres voor zoekmachines zouden ergens anders heen wijzen.
url-mismatch-help = maak van base_url in site.toml het adres waarop de site staat, of verbeter url in [publish.{ $name }]
needs-yes = praxis publish vraagt om bevestiging voor het iets op de host wijzigt, maar er is geen terminal om dat te vragen.
needs-yes-help = voeg --yes toe om te publiceren zonder te vragen, of --dry-run om te zien wat er zou veranderen
declined = Er is niets gepubliceerd.
not-ours = In { $to } staan bestanden die praxis er niet heeft gezet ({ $found }): er is niets gewijzigd.
not-ours-help = kies een lege map voor de site; staat er in deze map alleen een oudere kopie van de site, maak ze dan eerst leeg
damaged-record = Het overzicht van wat praxis naar { $to } stuurde ({ $record }) is beschadigd: er is niets gewijzigd.
damaged-record-help = maak de map op de host leeg (met het overzicht erbij) en publiceer opnieuw
not-installed = { $program } is niet geïnstalleerd op deze computer.
not-installed-help = installeer het (Debian of Ubuntu: sudo apt install { $package }; macOS: brew install { $package }), of publiceer op een andere manier
host-key = { $host } toont een andere sleutel dan de sleutel die deze computer ervan kent: er is niets verstuurd.
host-key-help = is de host opnieuw geïnstalleerd of verhuisd, vraag dan de vingerafdruk van zijn sleutel aan de beheerder, controleer ze en verbeter ~/.ssh/known_hosts; zo niet, dan staat er misschien iemand tussen jou en de host
unknown-host = Deze computer kent de sleutel van { $host } nog niet: er is niets verstuurd.
unknown-host-help = maak één keer verbinding met `ssh { $login }` en vergelijk de vingerafdruk die je dan ziet met die van je host
key-refused = { $host } weigerde je SSH-sleutel: er is niets verstuurd.
key-refused-help = controleer de gebruikersnaam in de URL, en of je publieke sleutel op de host staat (`ssh-copy-id { $login }` zet hem daar)
unreachable = { $host } is niet bereikbaar: { $detail }
unreachable-help = controleer de naam en de poort van de host in site.toml, en je netwerkverbinding
no-rsync-there = Op { $host } is rsync niet geïnstalleerd.
no-rsync-there-help = installeer rsync op de host, of publiceer via sftp:// in plaats van ssh://
no-room = Er is geen ruimte meer op { $to }: de site die daar online staat, is ongewijzigd gebleven.
no-room-help = maak ruimte vrij op de host en publiceer opnieuw
failed = Publiceren naar { $to } is mislukt: { $detail }
failed-help = publiceer opnieuw: praxis maakt dan af wat begonnen is, en tot dan blijft de site daar intact
branch-moved = De branch { $branch } veranderde terwijl praxis ernaar publiceerde: er is niets gewijzigd.
branch-moved-help = publiceer opnieuw
folder-clash = { $detail }
folder-clash-help = kies een eigen map voor de gepubliceerde site, buiten de bronbestanden van de site
no-permission = { $login } mag niet schrijven in { $path } op { $host }: daar is niets gewijzigd.
no-permission-help = vraag wie de host beheert om { $login } daar te laten schrijven, of kies een map van jezelf
in-the-way = De nieuwe site zou bestanden van jou op { $to } overschrijven die praxis er niet heeft gezet: { $paths }. Er is niets gewijzigd.
in-the-way-help = zet ze ergens anders op de host (een bestand dat gepubliceerd moet worden, hoort in static/) en publiceer opnieuw
folder-not-writable = praxis kan niet schrijven in { $folder }, waar het de nieuwe site naast de oude klaarzet voor ze van plaats wisselen: er is niets gewijzigd.
folder-not-writable-help = geef jezelf schrijfrechten op { $folder }, of kies een map binnen een map van jezelf
unspoken = praxis publish spreekt Nederlands, Frans en Engels, geen ‘{ $lang }’.
unspoken-help = geef --lang nl, --lang fr of --lang en
kind-folder = map
kind-rsync = rsync via SSH
kind-sftp = SFTP
kind-git = git
plan-line = { $label }: { $path }
