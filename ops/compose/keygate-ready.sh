#!/bin/bash
# The image's HEALTHCHECK: ready while Payara answers /health/ready with 200 and Keygate's own checks are in the
# answer. A Payara whose deployment failed answers 200 too, with no checks at all ({"status":"UP","checks":[]}),
# hence the look for "migrations". The image has neither curl nor wget (its Zulu base removes them): bash asks over
# /dev/tcp, and Docker's --timeout ends a node that does not answer.
exec 3<>/dev/tcp/127.0.0.1/8080 || exit 1
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
response=$(cat <&3)
[[ $response == 'HTTP/1.'?' 200 '* && $response == *'"migrations"'* ]]
