// Load test of a referral endpoint with the referrals NHS 111 in England
// sent on the day of the Adastra outage (Thursday 4 August 2022), one day
// compressed into two minutes.
//
//   TARGET=https://referrals.example.nhs.uk/api/referrals ./k6-outagesim run examples/load-referrals.js
//
// Environment (all optional but TARGET):
//   TARGET    URL that receives one POST per referral (JSON body)
//   SCENARIO  library scenario or .yaml path (default adastra-2022)
//   SPEEDUP   simulated seconds per real second (default 720: a day in 2 min)
//   SCALE     share of the real demand to send (default 0.1)
//   FROM, TO  simulated window (default the outage day)
//   SEED      seed of the synthetic payloads (default: the scenario's)
import http from "k6/http";
import { check } from "k6";
import { load, plan, referral } from "k6/x/outagesim";

const TARGET = __ENV.TARGET;
if (!TARGET) {
  throw new Error("set TARGET to the referral endpoint's URL, e.g. TARGET=http://127.0.0.1:8080/referrals");
}

load(__ENV.SCENARIO || "adastra-2022", __ENV.SEED ? { seed: Number(__ENV.SEED) } : undefined);

// plan() is arrivals() with the numbers behind it: the model expects
// `expected` referrals in the window; k6 starts ⌊scheduled⌋ iterations.
const demand = plan({
  nation: "england",
  stream: "referrals",
  speedup: Number(__ENV.SPEEDUP || 720),
  scale: Number(__ENV.SCALE || 0.1),
  from: __ENV.FROM || "2022-08-04",
  to: __ENV.TO || "2022-08-05",
});

export const options = {
  scenarios: { referrals: demand.scenario },
  thresholds: {
    http_req_failed: ["rate<0.01"], // under 1% errors
    http_req_duration: ["p(95)<1000"], // 95% of referrals accepted within 1 s
    checks: ["rate>0.99"],
    dropped_iterations: ["count==0"], // the endpoint kept up with the model's demand
    // Every referral the model expects was sent (k6 rounds down; 1% slack).
    iterations: [`count>=${Math.floor(demand.expected * 0.99)}`],
  },
};

export default function () {
  const body = JSON.stringify(referral({ nation: "england" }));
  const res = http.post(TARGET, body, {
    headers: { "Content-Type": "application/json" },
    tags: { name: "referral" },
  });
  check(res, { "referral accepted (2xx)": (r) => r.status >= 200 && r.status < 300 });
}
