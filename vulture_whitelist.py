"""Names vulture reports as unused that are used by name from outside Python's view: each group
says who reads them. Anything else vulture finds is dead code and goes (scripts/test runs
``vulture smm_docs_plugin tests benchmarks scripts vulture_whitelist.py``)."""

# MkDocs calls the plugin's hooks and reads its class attributes by name.
_.on_build_error  # smm_docs_plugin/plugin.py
_.on_config  # smm_docs_plugin/plugin.py
_.on_files  # smm_docs_plugin/plugin.py
_.on_page_content  # smm_docs_plugin/plugin.py
_.on_page_context  # smm_docs_plugin/plugin.py
_.on_page_markdown  # smm_docs_plugin/plugin.py
_.on_post_build  # smm_docs_plugin/plugin.py
_.on_post_page  # smm_docs_plugin/plugin.py
_.on_post_template  # smm_docs_plugin/plugin.py
_.on_pre_build  # smm_docs_plugin/plugin.py
_.on_serve  # smm_docs_plugin/plugin.py
supports_multiple_instances  # smm_docs_plugin/plugin.py

# Python-Markdown calls an extension's extendMarkdown by name.
_.extendMarkdown  # smm_docs_plugin/guard.py

# pydantic reads model fields, model_config and validators, and GenerateJsonSchema's *_schema methods, by name.
_._end_within_years  # smm_docs_plugin/model.py
_._on_fits_every  # smm_docs_plugin/model.py
_._one_rule  # smm_docs_plugin/model.py
_.bool_schema  # smm_docs_plugin/schema.py
_.date_schema  # smm_docs_plugin/schema.py
_.decimal_schema  # smm_docs_plugin/schema.py
_.time_schema  # smm_docs_plugin/schema.py
age  # smm_docs_plugin/model.py
attendees  # smm_docs_plugin/model.py
business_goals  # smm_docs_plugin/model.py
challenges  # smm_docs_plugin/model.py
decisions  # smm_docs_plugin/model.py
family  # smm_docs_plugin/model.py
founded  # smm_docs_plugin/model.py
founders  # smm_docs_plugin/model.py
gender  # smm_docs_plugin/model.py
headquarters  # smm_docs_plugin/model.py
income  # smm_docs_plugin/model.py
languages  # smm_docs_plugin/model.py
login_email  # smm_docs_plugin/model.py
model_config  # smm_docs_plugin/model.py
objections  # smm_docs_plugin/model.py
opportunities  # smm_docs_plugin/model.py
our_impact  # smm_docs_plugin/model.py
personal_goals  # smm_docs_plugin/model.py
personas  # smm_docs_plugin/model.py
personas  # smm_docs_plugin/model.py
posts_per_week  # smm_docs_plugin/model.py
purpose  # smm_docs_plugin/model.py
recovery  # smm_docs_plugin/model.py
role  # smm_docs_plugin/model.py
role  # smm_docs_plugin/model.py
strengths  # smm_docs_plugin/model.py
threats  # smm_docs_plugin/model.py
usp  # smm_docs_plugin/model.py
vision  # smm_docs_plugin/model.py
weaknesses  # smm_docs_plugin/model.py
website  # smm_docs_plugin/model.py

# Jinja templates (docs_templates/) read these attributes and properties by name.
_.cell_height  # smm_docs_plugin/features/roadmap_matrix.py
_.cell_width  # smm_docs_plugin/features/roadmap_matrix.py
_.direction  # smm_docs_plugin/features/reports.py
_.label_at  # smm_docs_plugin/features/roadmap_timeline.py
_.marker_d  # smm_docs_plugin/features/roadmap_timeline.py
_.polyline  # smm_docs_plugin/features/kpis.py
_.sparkline  # smm_docs_plugin/features/reports.py
band_caption_y  # smm_docs_plugin/features/roadmap_matrix.py
chart_top  # smm_docs_plugin/features/roadmap_timeline.py
date_label  # smm_docs_plugin/features/calendar.py
datetime_attr  # smm_docs_plugin/features/calendar.py
day_iso  # smm_docs_plugin/features/calendar.py
detail  # smm_docs_plugin/features/kpis.py
divider_x  # smm_docs_plugin/features/roadmap_matrix.py
divider_y  # smm_docs_plugin/features/roadmap_matrix.py
engagement  # smm_docs_plugin/features/swot.py
hue  # smm_docs_plugin/features/post_preview.py
iso  # smm_docs_plugin/features/calendar_grid.py
kind_label  # smm_docs_plugin/features/calendar.py
line_height  # smm_docs_plugin/features/roadmap_matrix.py
link_clickable  # smm_docs_plugin/features/post_preview.py
number_font  # smm_docs_plugin/features/roadmap_matrix.py
owner_id  # smm_docs_plugin/features/calendar.py
plot_left  # smm_docs_plugin/features/roadmap_matrix.py
plot_top  # smm_docs_plugin/features/roadmap_matrix.py
status_id  # smm_docs_plugin/features/calendar.py
time_label  # smm_docs_plugin/features/calendar.py
title_y  # smm_docs_plugin/features/roadmap_timeline.py
type_label  # smm_docs_plugin/features/kpis.py
video  # smm_docs_plugin/features/post_preview.py

# Babel reads a NumberPattern's attributes by name (formats.py sets the fraction precision).
_.frac_prec  # smm_docs_plugin/formats.py

# Tables of English words the templates read as ``labels.<NAME>`` (labels.py).
SECTION_INTROS  # smm_docs_plugin/labels.py
INITIATIVE_STATUSES  # smm_docs_plugin/labels.py
SWOT_QUADRANTS  # smm_docs_plugin/labels.py
ACCOUNT_PROBLEMS  # smm_docs_plugin/labels.py
TWO_FACTOR  # smm_docs_plugin/labels.py
SMART_PARTS  # smm_docs_plugin/labels.py

# functools.lru_cache keys on every argument: the file's mtime makes an edited .po read again.
mtime_ns  # smm_docs_plugin/i18n.py

# pytest passes fixtures by parameter name.
influencers  # tests/test_registry.py

# html.parser.HTMLParser calls its handle_* methods by name.
_.handle_comment  # smm_docs_plugin/markup.py
_.handle_data  # smm_docs_plugin/markup.py
_.handle_decl  # smm_docs_plugin/markup.py
_.handle_endtag  # smm_docs_plugin/markup.py
_.handle_pi  # smm_docs_plugin/markup.py
_.handle_startendtag  # smm_docs_plugin/markup.py
_.handle_starttag  # smm_docs_plugin/markup.py
_.unknown_decl  # smm_docs_plugin/markup.py

# Kept on purpose although nothing in the package reads them.
CHANNEL_ROLES  # the plan format's channel roles (issue #16 derives it from the model's Literal) (smm_docs_plugin/model.py)
DECAP_VERSION  # the vendored Decap CMS release, for people and scripts/vendor-decap (smm_docs_plugin/cms.py)
N_  # the gettext extraction marker (pybabel finds messages through it; i18n.py) (smm_docs_plugin/i18n.py)
api_root  # a CmsSettings field, read with getattr for the backend's settings (smm_docs_plugin/cms.py)
