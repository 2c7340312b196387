#!/usr/bin/env bash
# Writes N mixed JSON Lines queries (all five procedure families and waiting periods, text
# from the real gazetteer, a few malformed lines) to stdout, for `yibao batch`.
#   bench/gen-queries.sh 100000 > /tmp/queries.jsonl
set -euo pipefail
n=${1:-100000}
awk -v n="$n" 'BEGIN {
	split("changde changsha xiamen guangzhou shenzhen wuhan yichang 常德 430100 shantou qingdao 北京 500000 hangzhou chengdu", cities, " ")
	split("employee resident flexible", types, " ")
	split("lump-sum-subsidy resident-then-employee resident-death unemployment-overlap laid-off-retirement-overlap retired-overpay retired-makeup-overpay collection-error agency-error late-retirement-or-death info-error student-duplicate tier-change wrong-year-payment two-employers employee-and-resident after-wage-announcement voluntary-tier sole-proprietor-death pre-city-pooling", cases, " ")
	split("filling extraction root-canal periodontal x-ray lab-test minor-surgery implant crown orthodontics whitening cleaning", items, " ")
	nc = length(cities); nt = length(types); ncase = length(cases); ni = length(items)
	for (i = 0; i < n; i++) {
		a = cities[i % nc + 1]; b = cities[(i * 7 + 3) % nc + 1]; t = types[i % nt + 1]
		k = i % 7
		if (i % 997 == 500)
			print "{\"command\":\"transfer\",\"from\":\"nowhere\",\"to\":\"" b "\"}"
		else if (i % 1009 == 17)
			print "not a json line"
		else if (k == 0 || k == 1)
			print "{\"command\":\"transfer\",\"from\":\"" a "\",\"to\":\"" b "\",\"type\":\"" t "\",\"date\":\"2026-11-23\"}"
		else if (k == 2)
			print "{\"command\":\"region-change\",\"from\":\"" a "\",\"to\":\"" b "\",\"reason\":\"work\",\"date\":\"2026-11-23\"}"
		else if (k == 3)
			print "{\"command\":\"activate\",\"city\":\"" a "\",\"holder\":\"minor\",\"date\":\"2026-11-23\"}"
		else if (k == 4)
			print "{\"command\":\"refund\",\"case\":\"" cases[i % ncase + 1] "\",\"timing\":\"before\",\"date\":\"2026-11-23\"}"
		else if (k == 5)
			print "{\"command\":\"dental\",\"item\":\"" items[i % ni + 1] "\",\"city\":\"qingdao\",\"type\":\"employee\",\"level\":\"" (i % 3 + 1) "\",\"cost\":" (300 + i % 2000) ",\"date\":\"2026-11-23\"}"
		else
			print "{\"command\":\"waiting\",\"type\":\"resident\",\"gap-years\":" (i % 6) ",\"date\":\"2026-03-01\"}"
	}
}'
