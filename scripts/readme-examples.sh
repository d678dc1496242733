#!/usr/bin/env bash
# Prints the "Usage" examples of README.md with their real output on the seeds, so the README can
# be refreshed after the extractor changes:  bash scripts/readme-examples.sh > /tmp/usage.md
set -euo pipefail
cd "$(dirname "$0")/.."
KG=${KG:-.venv/bin/kg}
run() {  # run "shown command" [real command]
    echo '```console'
    echo "\$ $1"
    eval "${2:-$1}" 2>&1 | sed -e 's/[[:space:]]*$//'
    echo '```'
    echo
}
rm -rf /tmp/readme-out
echo "### Build"
echo
run "kg build seeds/ --out out/ --validate" "$KG build seeds/ --out /tmp/readme-out --validate --force | sed 's#/tmp/readme-out#out#'"
echo "### Query with SPARQL"
echo
echo "The named queries in \`ontology/queries/\` (\`kg query --list\` describes them):"
echo
run "kg query --list | grep -E '^[a-z]'" "$KG query --out /tmp/readme-out --list | grep -E '^[a-z]'"
for q in "companies-of-park --param park=青岛高新技术产业开发区 --limit 8" \
         "parks-of-company --param company=格科微" \
         "policies-of-park --param park=青岛高新区" \
         "officials-by-park" \
         "executives-by-company --limit 6" \
         "parks-by-companies --limit 5" \
         "parks-by-investments --limit 5" \
         "subsidiaries-of-group --param group=长城汽车" \
         "evidence --param subject=李天传 --param object=青岛高新区" \
         "entity --param name=石河子经开区 --limit 8" \
         "co-mentioned --param name=阿斯利康制药（青岛）有限公司 --limit 6"; do
    run "kg query $q" "$KG query --out /tmp/readme-out $q"
done
echo "Stated investments (\`pk:Investment\`: investor, park, amount in its currency, the amount as"
echo "written, project, date; docs/graph-model.md). Sums stay per currency, never converted; a"
echo "date without a year takes the publication year (the text's, or \`kg build --dates FILE\`):"
echo
for q in "investments-of-park --param park=青岛高新区 --format csv" \
         "investments-of-company --param company=蓝思精密（泰州）有限公司 --format csv" \
         "parks-by-investment"; do
    run "kg query $q" "$KG query --out /tmp/readme-out $q"
done
echo "\`timeline-of-park --param park=…\` lists everything dated about a park, oldest first — investments, policy"
echo "releases, appointments and the articles that name it (the seed"
echo "pages carry no publication date; build with \`--dates\` to date them)."
echo
echo "Your own SPARQL, with the usual prefixes predeclared, in any W3C result format:"
echo
run "kg query 'SELECT ?park (COUNT(?c) AS ?n) WHERE { ?c pk:locatedIn ?p . ?p rdfs:label ?park } GROUP BY ?park ORDER BY DESC(?n) LIMIT 3' --format csv" \
    "$KG query --out /tmp/readme-out 'SELECT ?park (COUNT(?c) AS ?n) WHERE { ?c pk:locatedIn ?p . ?p rdfs:label ?park } GROUP BY ?park ORDER BY DESC(?n) LIMIT 3' --format csv"
echo "### Measure against gold annotations"
echo
echo "\`tests/data/seeds\` holds the gold annotations of the five seed pages that \`make build\` built"
echo "into \`out/\` (other annotated sets, with their texts, are beside it in \`tests/data/\`):"
echo
run "kg eval --gold tests/data/seeds/gold" "$KG eval --gold tests/data/seeds/gold --out /tmp/readme-out"
echo "### Statistics"
echo
run "kg stats --top 5" "$KG stats --out /tmp/readme-out --top 5 | sed 's#/tmp/readme-out#out#'"
