-- POST /loss/cross-entropy with the tutorial seed example (3 samples, 4 classes, class targets).
-- Used by bench-http.sh; the expected loss is 2.0373472850337726.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"logits":[[-1.0606,1.5613,1.2007,-0.2481],[-1.9652,-0.4367,-0.0645,-0.5104],'
  .. '[0.1011,-0.5904,0.0243,0.1002]],"target":[0,2,1]}'
