import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Driver of scripts/sdk-check.sh for the generated Java client (library native).
 *
 * <p>usage: java SdkCheck CASES_JSON BASE_URL INVOKER_PACKAGE
 *
 * <p>For every case of cases.json (written by cases.mjs): POSTs the example as raw JSON, then
 * deserialises it into the generated request model, checks that the client would send the example
 * unchanged, calls the generated API method and compares the client's decoded answer,
 * re-serialised with the client's own ObjectMapper, with the raw answer. The invalid request must
 * surface through the client as an ApiException with status 400 and the same problem body.
 *
 * <p>Found by reflection (the API class named after the operation's tag, the method named after
 * its operationId, the request model as that method's first parameter) so that the driver
 * compiles against any version of the document. Uses only Jackson, which the client brings.
 */
public final class SdkCheck {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final Object apiClient;
  private final ObjectMapper clientMapper;
  private final String apiPackage;
  /** Notes of the current case, printed after its OK/FAIL line. */
  private final List<String> notes = new ArrayList<>();

  private SdkCheck(String baseUrl, String invokerPackage) throws Exception {
    this.baseUrl = baseUrl;
    this.apiPackage = invokerPackage + ".api";
    Class<?> apiClientClass = Class.forName(invokerPackage + ".ApiClient");
    this.apiClient = apiClientClass.getConstructor().newInstance();
    // The document's server URL is wherever it was fetched from (a defect reported by cases.mjs);
    // the check always talks to the service under test.
    apiClientClass.getMethod("updateBaseUri", String.class).invoke(apiClient, baseUrl);
    this.clientMapper = (ObjectMapper) apiClientClass.getMethod("getObjectMapper").invoke(apiClient);
  }

  public static void main(String[] args) throws Exception {
    JsonNode all = PLAIN.readTree(Files.readString(Path.of(args[0])));
    SdkCheck check = new SdkCheck(args[1], args[2]);
    int passed = 0;
    int failed = 0;
    for (JsonNode c : all.get("cases")) {
      String label = c.get("operationId").asText() + "/" + c.get("example").asText();
      check.notes.clear();
      List<String> failures = check.example(c);
      if (failures.isEmpty()) {
        passed++;
        System.out.println("java: OK   " + label);
      } else {
        failed++;
        System.out.println("java: FAIL " + label);
      }
      check.notes.forEach(f -> System.out.println("        " + f));
      failures.forEach(f -> System.out.println("        " + f));
    }
    JsonNode inv = all.get("invalid");
    boolean invalidOk = false;
    if (inv != null && !inv.isNull()) {
      String label = inv.get("operationId").asText() + "/" + inv.get("example").asText();
      check.notes.clear();
      List<String> failures = check.invalid(inv);
      invalidOk = failures.isEmpty();
      System.out.println("java: " + (invalidOk ? "OK   " : "FAIL ") + label);
      check.notes.forEach(f -> System.out.println("        " + f));
      failures.forEach(f -> System.out.println("        " + f));
    }
    int total = passed + failed;
    if (failed == 0 && invalidOk) {
      System.out.println("java: " + total + " examples + 1 invalid request OK");
    } else {
      System.out.println(
          "java: FAILED: " + failed + " of " + total + " examples, invalid request "
              + (invalidOk ? "OK" : "FAILED"));
      System.exit(1);
    }
  }

  /** The checks of one example; empty when it passes. */
  private List<String> example(JsonNode c) throws Exception {
    List<String> failures = new ArrayList<>();
    Raw raw = post(c.get("path").asText(), c.get("request"));
    if (raw.status != 200) {
      failures.add("the example itself, POSTed as raw JSON, gets HTTP " + raw.status + ": "
          + problemSummary(raw.body) + " (the document's example is invalid)");
      return failures;
    }
    Call call = callClient(c, failures);
    if (call == null) return failures;
    // The answer's decoding on its own, whatever happened to the request: the raw answer decoded
    // into the client's response model and re-serialised must be the raw answer.
    try {
      Object decoded = clientMapper.treeToValue(raw.body, call.responseType);
      List<String> diffs = new ArrayList<>();
      diff(raw.body, PLAIN.readTree(clientMapper.writeValueAsString(decoded)), "", diffs);
      if (!diffs.isEmpty()) {
        failures.add("the client's " + call.responseType.getSimpleName() + " does not decode the raw answer"
            + " faithfully (raw answer vs decoded and re-serialised):");
        diffs.forEach(d -> failures.add("  " + d));
      }
    } catch (Exception e) {
      failures.add("the client's " + call.responseType.getSimpleName() + " cannot decode the raw answer: "
          + firstLine(e.getMessage()));
    }
    if (call.error != null) {
      failures.add("client call failed: " + call.error);
      return failures;
    }
    JsonNode got = PLAIN.readTree(clientMapper.writeValueAsString(call.answer));
    List<String> diffs = new ArrayList<>();
    diff(raw.body, got, "", diffs);
    if (!diffs.isEmpty()) {
      failures.add("the client's decoded answer differs from the raw JSON answer"
          + " (raw answer vs client's answer, re-serialised):");
      diffs.forEach(d -> failures.add("  " + d));
    }
    return failures;
  }

  /** The invalid request: the client must surface the service's 400 problem unchanged. */
  private List<String> invalid(JsonNode c) throws Exception {
    List<String> failures = new ArrayList<>();
    Raw raw = post(c.get("path").asText(), c.get("request"));
    if (raw.status != 400) {
      failures.add("the invalid request, POSTed as raw JSON, gets HTTP " + raw.status + ", not 400");
      return failures;
    }
    Call call = callClient(c, failures);
    if (call == null) return failures;
    if (call.error == null) {
      failures.add("client call returned an answer instead of failing with the 400 problem");
      return failures;
    }
    if (call.status != 400) {
      failures.add("client call failed, but not with the 400 problem: " + call.error);
      return failures;
    }
    List<String> diffs = new ArrayList<>();
    diff(raw.body, call.errorBody, "", diffs);
    if (!diffs.isEmpty()) {
      failures.add("the problem surfaced by the client differs from the raw answer's"
          + " (raw problem vs client's problem):");
      diffs.forEach(d -> failures.add("  " + d));
    } else {
      notes.add("the client surfaced HTTP 400, " + problemSummary(call.errorBody));
    }
    return failures;
  }

  private static final class Call {
    Class<?> responseType;
    Object answer;
    String error;
    int status;
    JsonNode errorBody;
  }

  /**
   * Deserialises the case's request into the generated model, checks what the client would send,
   * and calls the API. Returns null (with failures added) when the client cannot even be called.
   */
  private Call callClient(JsonNode c, List<String> failures) throws Exception {
    String op = c.get("operationId").asText();
    Class<?> apiClass;
    try {
      apiClass = Class.forName(apiPackage + "." + c.get("api").asText());
    } catch (ClassNotFoundException e) {
      failures.add("no generated API class " + apiPackage + "." + c.get("api").asText());
      return null;
    }
    // The overload without the trailing Map of headers: (body, query parameters...).
    Method method = null;
    for (Method m : apiClass.getMethods()) {
      Class<?>[] p = m.getParameterTypes();
      if (m.getName().equals(op) && p.length >= 1 && !Map.class.isAssignableFrom(p[p.length - 1])) {
        method = m;
      }
    }
    if (method == null) {
      failures.add("no method " + op + "(request, ...) in " + apiClass.getName());
      return null;
    }
    Class<?> modelClass = method.getParameterTypes()[0];
    Object model;
    try {
      model = clientMapper.treeToValue(c.get("request"), modelClass);
    } catch (Exception e) {
      failures.add("the example does not deserialise into " + modelClass.getSimpleName() + ": "
          + firstLine(e.getMessage()));
      return null;
    }
    // What the client puts on the wire: its API methods serialise the body with this same mapper.
    JsonNode sent = PLAIN.readTree(clientMapper.writeValueAsString(model));
    // A property the example leaves out, sent with exactly the schema's default, asks the service
    // for what it would do anyway: a note (it fails the check only if the answer then differs).
    JsonNode defaults = c.path("defaults");
    if (sent.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode stripped = sent.deepCopy();
      for (String k : iterable(sent.fieldNames())) {
        JsonNode v = sent.get(k);
        boolean inExample = c.get("request").has(k) && !c.get("request").get(k).isNull();
        List<String> same = new ArrayList<>();
        if (!inExample && !v.isNull() && defaults.has(k)) diff(defaults.get(k), v, "", same);
        if (!inExample && !v.isNull() && defaults.has(k) && same.isEmpty()) {
          stripped.remove(k);
          notes.add("note: the client sends the schema default " + k + "=" + v
              + " that the example leaves out");
        }
      }
      sent = stripped;
    }
    List<String> diffs = new ArrayList<>();
    diff(c.get("request"), sent, "", diffs);
    if (!diffs.isEmpty()) {
      failures.add("the client does not send the example as given (example vs client's body):");
      diffs.forEach(d -> failures.add("  " + d));
    }
    Object[] args = new Object[method.getParameterCount()];
    args[0] = model; // query parameters stay null: the service's defaults, as for the raw request
    Call call = new Call();
    call.responseType = method.getReturnType();
    try {
      Object api = apiClass.getConstructor(apiClient.getClass()).newInstance(apiClient);
      call.answer = method.invoke(api, args);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t.getClass().getSimpleName().equals("ApiException")) {
        call.status = (int) t.getClass().getMethod("getCode").invoke(t);
        String body = (String) t.getClass().getMethod("getResponseBody").invoke(t);
        call.errorBody = parseOrText(body);
        call.error = "ApiException HTTP " + call.status + ": "
            + (call.status == 0 ? firstLine(t.getMessage()) : problemSummary(call.errorBody));
      } else {
        call.error = t.getClass().getName() + ": " + firstLine(t.getMessage());
      }
    }
    return call;
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }

  private static final class Raw {
    int status;
    JsonNode body;
  }

  private Raw post(String path, JsonNode request) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, application/problem+json")
        .POST(HttpRequest.BodyPublishers.ofString(PLAIN.writeValueAsString(request)))
        .build();
    HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    Raw raw = new Raw();
    raw.status = resp.statusCode();
    raw.body = parseOrText(resp.body());
    return raw;
  }

  private static JsonNode parseOrText(String body) {
    if (body == null) return NullNode.getInstance();
    try {
      return PLAIN.readTree(body);
    } catch (Exception e) {
      return PLAIN.getNodeFactory().textNode(body);
    }
  }

  /** "type ..., errors: [pointer: detail]": enough to see which rule the body broke. */
  private static String problemSummary(JsonNode p) {
    if (p == null || !p.isObject()) return String.valueOf(p);
    StringBuilder s = new StringBuilder("type " + p.path("type").asText("?"));
    s.append(", detail '").append(p.path("detail").asText("")).append("'");
    if (p.path("errors").isArray()) {
      s.append(", errors [");
      for (JsonNode e : p.get("errors")) {
        s.append(e.path("pointer").asText("?")).append(": ").append(e.path("detail").asText("")).append("; ");
      }
      s.append("]");
    }
    return s.toString();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Compares two parsed JSON trees: numbers as doubles with exact equality, arrays element by
   * element, objects key by key where a JSON null and an absent key are the same (the clients'
   * models hold every property, unset ones as null, and omit nulls or not depending on the
   * generator; neither changes the meaning of a body for the service). An empty array is NOT the
   * same as an absent one: the service treats it as a value. Adds at most 8 differences.
   */
  static void diff(JsonNode a, JsonNode b, String at, List<String> out) {
    if (out.size() >= 8) return;
    boolean aNull = a == null || a.isNull() || a.isMissingNode();
    boolean bNull = b == null || b.isNull() || b.isMissingNode();
    String where = at.isEmpty() ? "/" : at;
    if (aNull || bNull) {
      if (aNull != bNull) out.add(where + ": " + show(a) + " vs " + show(b));
      return;
    }
    if (a.isNumber() && b.isNumber()) {
      if (a.doubleValue() != b.doubleValue()) out.add(where + ": " + a + " vs " + b);
    } else if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        out.add(where + ": array of " + a.size() + " vs " + b.size() + " elements: " + show(a) + " vs " + show(b));
        return;
      }
      for (int i = 0; i < a.size(); i++) diff(a.get(i), b.get(i), at + "/" + i, out);
    } else if (a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) diff(a.get(k), b.get(k), at + "/" + k, out);
    } else if (!a.equals(b)) {
      out.add(where + ": " + show(a) + " vs " + show(b));
    }
  }

  private static String show(JsonNode n) {
    if (n == null || n.isMissingNode()) return "(absent)";
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
