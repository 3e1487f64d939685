# Mayak user interface, English: Statistics: dashboards, the annual report, standard exports.
# Loaded after ../en.ftl; a key may be defined only once per language.
