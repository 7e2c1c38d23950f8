"""What every room of the pilots app shares: the one domain exception, validation helpers,
the append-only queryset, the bilingual name and the policy for refusing a page."""
