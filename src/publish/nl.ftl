# praxis publish: wat het zegt terwijl het de site naar de host stuurt.

plan = { $to } ({ $kind }): { $added ->
        [one] { $added } nieuw bestand
       *[other] { $added } nieuwe bestanden
    }, { $changed } gewijzigd, { $removed } verwijderd; { $size } te versturen.
plan-added = nieuw
plan-changed = gewijzigd
plan-removed = verwijderd
nothing = { $to } heeft deze site al zoals ze is: er is niets te publiceren.
dry-run = Er is niets verstuurd: dit was een proef (--dry-run).
ask = Deze wijzigingen publiceren? [j/N]
sending = versturen
done = { $sent ->
        [one] { $sent } bestand
       *[other] { $sent } bestanden
    } gepubliceerd ({ $size }), { $removed } verwijderd, naar { $to } in { $seconds } s.
after = Uitgevoerd op de host: { $command }
building = Eerst wordt de site gebouwd…

no-targets = site.toml noemt geen plaats om naar te publiceren.
no-targets-help = voeg een tabel [publish.site] toe met to = "ssh://jij@jouw-host/pad/naar/site" (het deel Publishing van de README toont elke soort host)
unknown-target = site.toml heeft geen [publish.{ $name }].
unknown-target-help = publiceer naar een van: { $known }
url-mismatch = Volgens [publish.{ $name }] staat de site op { $url }, maar base_url is { $base }: de links en het adres voor zoekmachines zouden ergens anders heen wijzen.
url-mismatch-help = maak van base_url in site.toml het adres waarop de site staat, of verbeter url in [publish.{ $name }]
needs-yes = publish vraagt het eerst voor het de host wijzigt, en er is geen terminal om het in te vragen.
needs-yes-help = voeg --yes toe om te publiceren zonder te vragen, of --dry-run om te zien wat er zou veranderen
declined = Er is niets gepubliceerd.
not-ours = In { $to } staan bestanden die praxis er niet heeft gezet ({ $found }): er is niets gewijzigd.
not-ours-help = kies een lege map voor de site; staat er in deze map alleen een oudere kopie van de site, maak ze dan eerst leeg
damaged-record = Het overzicht van wat praxis naar { $to } stuurde ({ $record }) is beschadigd: er is niets gewijzigd.
damaged-record-help = maak de map op de host leeg (met het overzicht erbij) en publiceer opnieuw
not-installed = { $program } is niet geïnstalleerd op deze computer.
not-installed-help = installeer het (Debian of Ubuntu: sudo apt install { $package }; macOS: brew install { $package }), of publiceer op een andere manier
host-key = { $host } toonde niet de sleutel die deze computer ervan kent: er is niets verstuurd.
host-key-help = is de host opnieuw geïnstalleerd of verhuisd, vraag dan de vingerafdruk van zijn sleutel aan de beheerder, controleer ze en verbeter ~/.ssh/known_hosts; zo niet, dan staat er misschien iemand tussen jou en de host
unknown-host = Deze computer kent de sleutel van { $host } nog niet: er is niets verstuurd.
unknown-host-help = maak één keer verbinding met `ssh { $login }` en vergelijk de vingerafdruk die je dan ziet met die van je host
key-refused = { $host } weigerde je SSH-sleutel: er is niets verstuurd.
key-refused-help = controleer de gebruikersnaam in de URL, en of je publieke sleutel op de host staat (`ssh-copy-id { $login }` zet hem daar)
unreachable = { $host } is niet bereikbaar: { $detail }
unreachable-help = controleer de naam en de poort van de host in site.toml, en je netwerkverbinding
no-rsync-there = { $host } heeft geen rsync.
no-rsync-there-help = installeer rsync op de host, of publiceer via sftp:// in plaats van ssh://
no-room = { $to } heeft geen ruimte meer: de site die er staat, is gebleven zoals ze was.
no-room-help = maak ruimte vrij op de host en publiceer opnieuw
failed = Publiceren naar { $to } is mislukt: { $detail }
failed-help = publiceer opnieuw: het maakt af wat begonnen is, en tot dan blijft de site daar heel
branch-moved = De branch { $branch } veranderde terwijl praxis ernaar publiceerde: er is niets gewijzigd.
branch-moved-help = publiceer opnieuw
folder-clash = { $detail }
folder-clash-help = kies een eigen map voor de gepubliceerde site, buiten de bronbestanden van de site
