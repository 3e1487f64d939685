# Mayak user interface, English: Statistics: releases, the privacy budget, the public statistics page.
# Loaded after ../en.ftl; a key may be defined only once per language.
