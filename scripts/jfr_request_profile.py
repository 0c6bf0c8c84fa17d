#!/usr/bin/env python3
"""Where a request's CPU goes, from a JFR recording: used by scripts/bench-http.sh (PROFILE=1).

    python3 scripts/jfr_request_profile.py RECORDING.jfr [TOP]

Reads the execution samples of the Tomcat request threads (`http-nio-*-exec-*`) with
`jfr print --stack-depth 256` and prints two tables:

- by part of the request path: each sample goes to the innermost frame, from the leaf up, that
  belongs to one of the parts below (so Jackson's parser under the service's request reader counts
  as "request body reading", the same parser under Tomcat's socket code would count as Tomcat);
- the top TOP (20) leaf frames (self time).

Percentages are of the request threads' samples. JFR samples each running Java thread about every
10 ms (20 ms for the 'default' settings), so a 30-second recording under load has a few thousand.
"""
import re
import subprocess
import sys
from collections import Counter

# (part, pattern on "package.Class.method"), innermost match wins. Order among the patterns only
# matters where one frame matches two of them.
PARTS = [
    ("core: loss math", r"^dev\.lossservice\.core\."),
    ("response body writing (converter, Jackson, tensor writers)",
     r"^(org\.springframework\.http\.converter\.(AbstractJacksonHttpMessageConverter|"
     r"AbstractSmartHttpMessageConverter)\.(write|writeInternal)|"
     r"dev\.lossservice\.tensor\.(DoubleRowText|DoubleText|TensorJsonModule\$\w*Serializer))"),
    ("request body reading (converter, Jackson, tensor codec)",
     r"^(dev\.lossservice\.request\.(RequestRecordConverter|JsonRequestReader|DuplicateMembers|"
     r"ScalarDeserializers)|dev\.lossservice\.tensor\.(TensorReader|CheckingDeserializer|"
     r"TensorJsonModule\$\w*Deserializer|ElementCount)|"
     r"org\.springframework\.http\.converter\.(AbstractJacksonHttpMessageConverter|"
     r"AbstractSmartHttpMessageConverter)\.(read|readInternal))"),
    ("validation (Bean Validation, cross-field rules)",
     r"^(dev\.lossservice\.request\.(RequestValidator|Violations|CrossFieldRules)|"
     r"dev\.lossservice\.\w+\.\w+Rules\.|org\.hibernate\.validator\.|"
     r"org\.springframework\.validation\.|dev\.lossservice\.tensor\.TensorShape)"),
    ("response record (LossResults, IndexedList, …Response.of)",
     r"^dev\.lossservice\.(loss\.|\w+\.\w+Response\.)"),
    ("controller method", r"^dev\.lossservice\.\w+\.\w+Controller\.|^dev\.lossservice\.trivial\."),
    ("query flags (ResponsePartsResolver)", r"^dev\.lossservice\.request\.ResponseParts"),
    ("content negotiation, converter choice",
     r"^org\.springframework\.web\.(servlet\.mvc\.method\.annotation\."
     r"(AbstractMessageConverterMethodProcessor|AbstractMessageConverterMethodArgumentResolver|"
     r"RequestResponseBodyMethodProcessor|RequestResponseBodyAdviceChain|"
     r"RequestBodyAdviceAdapter|JsonViewRequestBodyAdvice|JsonViewResponseBodyAdvice)|"
     r"accept\.)|^org\.springframework\.http\.(MediaType|MimeType|InvalidMediaType)|"
     r"^org\.springframework\.util\.MimeType"),
    ("observation and metrics (Micrometer)",
     r"^(io\.micrometer\.|org\.springframework\.web\.filter\.ServerHttpObservationFilter|"
     r"org\.springframework\.http\.server\.observation\.|org\.springframework\.boot\."
     r"micrometer\.|org\.springframework\.boot\.actuate\.)"),
    ("service filters and valves (limits/, ops/)", r"^dev\.lossservice\.(limits|ops)\."),
    ("Boot's default filters (encoding, form, request context)",
     r"^org\.springframework\.web\.filter\.|^org\.apache\.tomcat\.websocket\.server\.WsFilter"),
    ("handler lookup (request mappings)",
     r"^org\.springframework\.web\.servlet\.(handler\.|mvc\.method\.(RequestMappingInfo|"
     r"RequestMappingInfoHandlerMapping)|mvc\.condition\.)|"
     r"^org\.springframework\.web\.servlet\.DispatcherServlet\.getHandler"),
    ("Spring MVC dispatch (other)",
     r"^org\.springframework\.(web\.|core\.|beans\.|context\.|util\.)"),
    ("Tomcat: HTTP parsing, socket I/O, threads",
     r"^(org\.apache\.(catalina|coyote|tomcat)\.|sun\.nio\.ch\.|java\.nio\.channels\.|"
     r"jakarta\.servlet\.)"),
]
COMPILED = [(name, re.compile(pattern)) for name, pattern in PARTS]
OTHER = "other (JDK, unattributed)"

FRAME = re.compile(r"^\s+([\w.$<>]+)\(")


def samples(recording):
    """Yields the frames (leaf first, 'pkg.Class.method') of each request-thread sample."""
    out = subprocess.run(
        ["jfr", "print", "--stack-depth", "256", "--events", "jdk.ExecutionSample", recording],
        check=True, capture_output=True, text=True).stdout
    for event in out.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if not thread or not re.match(r"http-nio-.*-exec-", thread.group(1)):
            continue
        frames = [m.group(1) for m in map(FRAME.match, event.splitlines()) if m]
        if frames:
            yield frames


def part_of(frames):
    for frame in frames:
        for name, pattern in COMPILED:
            if pattern.search(frame):
                return name
    return OTHER


def main():
    recording = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    parts = Counter()
    leaves = Counter()
    total = 0
    for frames in samples(recording):
        total += 1
        parts[part_of(frames)] += 1
        leaves[frames[0]] += 1
    if total == 0:
        print("  no request-thread samples")
        return
    print(f"  {total} execution samples of the request threads")
    print("  by part of the request path (innermost part on the stack):")
    for name, count in parts.most_common():
        print(f"    {100 * count / total:5.1f} %  {count:6d}  {name}")
    print(f"  top {top} frames (self):")
    for frame, count in leaves.most_common(top):
        print(f"    {100 * count / total:5.1f} %  {count:6d}  {frame}")


if __name__ == "__main__":
    main()
