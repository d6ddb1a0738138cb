# The translator's view (praxis serve, /_praxis/translations/): French.
tv-title = Traductions
tv-preview = aperçu, sur cet ordinateur seulement
tv-intro = Pour chaque page, l’état de chaque version : à jour, dépassée depuis qu’une autre version a changé, manquante ou encore à l’état de brouillon.
tv-language-switch = Langue de cette vue
tv-summary = En résumé
tv-count-in-step = { $count ->
    [one] 1 version à jour
   *[other] { $count } versions à jour
}
tv-count-out-of-date = { $count ->
    [one] 1 version dépassée
   *[other] { $count } versions dépassées
}
tv-count-missing = { $count ->
    [one] 1 version manquante
   *[other] { $count } versions manquantes
}
tv-count-draft = { $count ->
    [one] 1 brouillon
   *[other] { $count } brouillons
}
tv-table-caption = Chaque page et ses versions
tv-col-page = Page
tv-state-in-step = À jour
tv-state-ahead = Modifiée, la traduction doit suivre
tv-state-out-of-date = Dépassée
tv-state-missing = Manquante
tv-state-draft = Brouillon
tv-changed-since = { $file } a changé depuis : { $what }
tv-what-paragraphs = { $count ->
    [one] le paragraphe de la ligne { $lines }
   *[other] les paragraphes des lignes { $lines }
}
tv-what-title = le titre
tv-what-description = la description
tv-what-removed = des paragraphes ont été supprimés
tv-agreed = Versions concordantes pour la dernière fois le { $date }
tv-agreed-unknown = Depuis quand ? On ne le sait pas : translations.lock a été écrit par une version antérieure de praxis.
tv-saved = { $file } enregistré pour la dernière fois le { $date }
tv-view-page = Voir la page
tv-back = Toutes les traductions
tv-compare-heading = Mettre { $target } à jour d’après { $source }
tv-side-by-side = { $source } à côté de { $target }
tv-col-source = { $language } : { $file } (source)
tv-col-translation = { $language } : { $file } (traduction)
tv-col-version = { $language } : { $file }
tv-block-changed = Modifié
tv-block-added = Nouveau
tv-block-removed = Supprimé
tv-block-moved = Déplacé
tv-block-line = ligne { $line }
tv-block-none = Pas d’équivalent
tv-kind-heading = Intertitre
tv-kind-list = Liste
tv-kind-paragraph = Paragraphe
tv-kind-quote = Citation
tv-kind-code = Code
tv-kind-other = Bloc
tv-row-title = Titre
tv-row-description = Description
tv-legend = Le texte barré est ce que disait la source lors du dernier accord entre les versions ; le texte souligné, ce qu’elle dit maintenant.
tv-old-text-unknown = Ce qui figurait ici auparavant n’a pas été conservé : translations.lock a été écrit par une version antérieure de praxis. Le texte sera conservé dès le prochain accord.
tv-accept = Accepter : { $target } dit toujours la même chose
tv-accept-help = Fait ce que fait praxis check --accept { $key } : les versions sont de nouveau tenues pour concordantes, telles qu’elles sont.
tv-in-step-page = Toutes les versions de cette page sont à jour.
tv-missing-heading = Il n’y a pas encore de version en { $language }
tv-missing-help = Écrivez { $file }, ou laissez praxis en créer le brouillon, comme le fait praxis new.
tv-create = Créer le brouillon
tv-draft-detail = { $file } est encore un brouillon (draft = true).
tv-not-found = Cette page n’existe pas dans le site.
tv-no-site = Le site n’a pas encore été construit : corrigez d’abord les erreurs.
tv-language-nl = néerlandais
tv-language-fr = français
tv-language-en = anglais
tv-changes = Aller aux modifications :
# Read out by screen readers before struck and inserted words.
tv-said-before = avant :
tv-says-now = maintenant :
tv-back-to-desk = Retour au bureau
