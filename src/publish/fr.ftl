# praxis publish : ce qu’il dit en envoyant le site à son hébergement.

plan = { $to } ({ $kind }) : { $added ->
        [one] { $added } nouveau fichier
       *[other] { $added } nouveaux fichiers
    }, { $changed ->
        [one] { $changed } modifié
       *[other] { $changed } modifiés
    }, { $removed ->
        [one] { $removed } supprimé
       *[other] { $removed } supprimés
    } ; { $size } à envoyer.
plan-added = nouveau
plan-changed = modifié
plan-removed = supprimé
nothing = { $to } est déjà à jour : rien à publier.
dry-run = Rien n’a été envoyé : c’était un essai (--dry-run).
ask = Publier ces changements ? [o/N]
sending = envoi
done = { $sent ->
        [one] { $sent } fichier publié
       *[other] { $sent } fichiers publiés
    } ({ $size }), { $removed ->
        [one] { $removed } supprimé
       *[other] { $removed } supprimés
    }, vers { $to } en { $seconds } s.
after = Commande exécutée sur le serveur : { $command }

no-targets = site.toml n’indique aucun endroit où publier.
no-targets-help = ajoutez une table [publish.site] avec to = "ssh://vous@votre-hebergement/chemin/du/site" (la section Publishing du README montre chaque sorte d’hébergement)
unknown-target = site.toml n’a pas de [publish.{ $name }].
unknown-target-help = publiez vers l’une de ces cibles : { $known }
url-mismatch = Selon [publish.{ $name }], le site est servi à l’adresse { $url }, mais base_url vaut { $base } : ses liens et son adresse pour les moteurs de recherche pointeraient ailleurs.
url-mismatch-help = donnez à base_url, dans site.toml, l’adresse où le site est servi, ou corrigez url dans [publish.{ $name }]
needs-yes = praxis publish demande confirmation avant de modifier quoi que ce soit sur l’hébergement, mais aucun terminal ne permet de la demander.
needs-yes-help = ajoutez --yes pour publier sans confirmation, ou --dry-run pour voir ce qui changerait
declined = Rien n’a été publié.
not-ours = { $to } contient des fichiers que praxis n’y a pas mis ({ $found }) : rien n’a été modifié.
not-ours-help = choisissez un dossier vide pour le site ; si celui-ci ne contient qu’une ancienne copie du site, videz-le d’abord
damaged-record = Le relevé de ce que praxis a envoyé à { $to } ({ $record }) est endommagé : rien n’a été modifié.
damaged-record-help = videz le dossier sur l’hébergement (relevé compris), puis publiez à nouveau
not-installed = { $program } n’est pas installé sur cet ordinateur.
not-installed-help = installez-le (Debian ou Ubuntu : sudo apt install { $package } ; macOS : brew install { $package }), ou publiez autrement
host-key = La clé présentée par { $host } n’est pas celle que cet ordinateur connaît : rien n’a été envoyé.
host-key-help = si l’hébergement a été réinstallé ou déplacé, demandez l’empreinte de sa clé à son administrateur, vérifiez-la et corrigez ~/.ssh/known_hosts ; sinon, quelqu’un se trouve peut-être entre vous et l’hébergement
unknown-host = Cet ordinateur ne connaît pas encore la clé de { $host } : rien n’a été envoyé.
unknown-host-help = connectez-vous une fois avec `ssh { $login }` et comparez l’empreinte affichée à celle que votre hébergeur vous a donnée
key-refused = { $host } a refusé votre clé SSH : rien n’a été envoyé.
key-refused-help = vérifiez le nom d’utilisateur dans l’URL, et que votre clé publique se trouve sur l’hébergement (`ssh-copy-id { $login }` l’y dépose)
unreachable = Impossible de joindre { $host } : { $detail }
unreachable-help = vérifiez le nom et le port de l’hébergement dans site.toml, ainsi que votre connexion
no-rsync-there = rsync n’est pas installé sur { $host }.
no-rsync-there-help = installez rsync sur l’hébergement, ou publiez par sftp:// plutôt que ssh://
no-room = Il n’y a plus de place sur { $to } : le site en ligne est resté tel quel.
no-room-help = libérez de la place sur l’hébergement, puis publiez à nouveau
failed = La publication vers { $to } a échoué : { $detail }
failed-help = publiez à nouveau : cela achève ce qui a été commencé, et d’ici là le site reste entier
branch-moved = La branche { $branch } a changé pendant que praxis y publiait : rien n’a été modifié.
branch-moved-help = publiez à nouveau
folder-clash = { $detail }
folder-clash-help = choisissez pour le site publié un dossier qui lui soit propre, hors des sources du site
no-permission = { $login } n’a pas le droit d’écrire dans { $path } sur { $host } : rien n’y a été modifié.
no-permission-help = demandez à qui gère l’hébergement de permettre à { $login } d’y écrire, ou choisissez un dossier à vous
in-the-way = Le nouveau site écraserait sur { $to } des fichiers à vous que praxis n’y a pas mis : { $paths }. Rien n’a été modifié.
in-the-way-help = déplacez-les ailleurs sur l’hébergement (un fichier à publier va dans static/), puis publiez à nouveau
folder-not-writable = praxis ne peut pas écrire dans { $folder }, où il prépare le nouveau site à côté de l’ancien avant qu’ils échangent leur place : rien n’a été modifié.
folder-not-writable-help = donnez-vous le droit d’écrire dans { $folder }, ou choisissez un dossier à l’intérieur d’un dossier à vous
unspoken = praxis publish parle néerlandais, français et anglais, pas « { $lang } ».
unspoken-help = indiquez --lang nl, --lang fr ou --lang en
kind-folder = dossier
kind-rsync = rsync par SSH
kind-sftp = SFTP
kind-git = git
plan-line = { $label } : { $path }
