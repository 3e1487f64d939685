# Mayak user interface, Russian: Statistics: dashboards, the annual report, standard exports.
# Loaded after ../ru.ftl; a key may be defined only once per language.
