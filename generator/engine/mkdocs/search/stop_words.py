"""Little words such as "how" and "to", left out of search queries.

A search matches each word typed as the start of longer words too, so "how to stop eye
twitching" also searched "to*", which finds "toxin", "Tourette's" and "tongue" and pushed the
real answer down; and little words are in nearly every section, so they rank nothing. The
search worker (theme/assets/javascripts/workers/search.pagefind.js) drops them from each
query; it reads this list from search/setup.json (pagefind_index.py).
"""

# lunr's English stop words (lunr.stopWordFilter, lunr 2.3.9), the list Material's own search
# left out of its index: the words the site's search has always ignored.
STOP_WORDS = (
    "a able about across after all almost also am among an and any are as at be because been "
    "but by can cannot could dear did do does either else ever every for from get got had has "
    "have he her hers him his how however i if in into is it its just least let like likely may "
    "me might most must my neither no nor not of off often on only or other our own rather said "
    "say says she should since so some than that the their them then there these they this tis "
    "to too twas us wants was we were what when where which while who whom why will with would "
    "yet you your"
).split()
