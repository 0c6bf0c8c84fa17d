package dev.lossservice.web;

/**
 * Request bodies shown in the OpenAPI document and offered by Swagger UI's "Try it out". The first
 * example of each endpoint is the one Swagger UI sends by default.
 */
final class ApiExamples {

    /**
     * The reference case of the project: PyTorch 1.13 float64 {@code F.cross_entropy} gives
     * 2.0373472850337726 for it.
     */
    static final String CROSS_ENTROPY_SEED =
            """
            {
              "logits": [[-1.0606, 1.5613, 1.2007, -0.2481],
                         [-1.9652, -0.4367, -0.0645, -0.5104],
                         [0.1011, -0.5904, 0.0243, 0.1002]],
              "target": [0, 2, 1]
            }""";

    static final String CROSS_ENTROPY_PROBABILITIES =
            """
            {
              "logits": [[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]],
              "targetProbabilities": [[0.7, 0.2, 0.1], [0.0, 0.9, 0.1]]
            }""";

    static final String CROSS_ENTROPY_LABEL_SMOOTHING =
            """
            {
              "logits": [[-1.0606, 1.5613, 1.2007, -0.2481],
                         [-1.9652, -0.4367, -0.0645, -0.5104],
                         [0.1011, -0.5904, 0.0243, 0.1002]],
              "target": [0, 2, -100],
              "weight": [1.0, 2.0, 0.5, 1.0],
              "labelSmoothing": 0.1,
              "reduction": "sum"
            }""";

    static final String NLL =
            """
            {
              "logProbabilities": [[-0.2, -1.8, -3.0], [-2.3, -0.15, -2.9]],
              "target": [0, 1],
              "weight": [1.0, 0.5, 2.0]
            }""";

    static final String BCE_PROBABILITIES =
            """
            {
              "probabilities": [0.9, 0.2, 0.6],
              "target": [1, 0, 1]
            }""";

    static final String BCE_LOGITS =
            """
            {
              "logits": [[1.2, -0.4], [-2.0, 0.3]],
              "target": [[1, 0], [0, 1]],
              "posWeight": [2.0, 1.0]
            }""";

    static final String BCE_SIGMOID_MULTI_CLASS =
            """
            {
              "logits": [[2.1, -1.0, 0.3], [-0.5, 1.7, 0.2]],
              "targetClasses": [0, 1]
            }""";

    static final String SOFTMAX =
            """
            {
              "logits": [[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]],
              "temperature": 2.0,
              "upstreamGradient": [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
            }""";

    private ApiExamples() {}
}
