// Failover test: send one 111 provider's referrals to its primary endpoint
// and move to the contingency endpoint when the model's outage takes the
// provider's systems down, before the primary fails.
//
//   PRIMARY=https://primary.example/api/referrals \
//   CONTINGENCY=https://contingency.example/api/referrals \
//   ./k6-outagesim run examples/failover.js
//
// The run is the outage day, Thursday 4 August 2022, from midnight, a day
// in two minutes: Adastra goes down at 07:00 (35 s in). phase() tells each
// VU when its service is down; the script then posts to CONTINGENCY and
// counts the move in outagesim_failovers{reason:phase}. If the primary
// fails first, the iteration retries on the contingency endpoint and
// counts outagesim_failovers{reason:primary-error}, which the thresholds
// keep near zero.
//
// Every request carries X-Outagesim-Start, the scenario's start (ms since
// the epoch), so a fault injector can fail the primary on the same
// compressed timeline, and X-Outagesim-Phase, the script's view, for logs.
//
// Environment: PRIMARY and CONTINGENCY (required); SERVICE (default
// eng-north, an Adastra customer); SCENARIO, SPEEDUP, SCALE, FROM, TO, SEED
// as in load-referrals.js; MAX_REACTIVE (default 5) reactive failovers
// allowed.
import http from "k6/http";
import { check } from "k6";
import exec from "k6/execution";
import { load, arrivals, phase, referral, failover } from "k6/x/outagesim";

const PRIMARY = __ENV.PRIMARY;
const CONTINGENCY = __ENV.CONTINGENCY;
if (!PRIMARY || !CONTINGENCY) {
  throw new Error("set PRIMARY and CONTINGENCY to the two endpoints' URLs");
}
const SERVICE = __ENV.SERVICE || "eng-north";

load(__ENV.SCENARIO || "adastra-2022", __ENV.SEED ? { seed: Number(__ENV.SEED) } : undefined);

export const options = {
  scenarios: {
    referrals: arrivals({
      service: SERVICE,
      stream: "referrals",
      speedup: Number(__ENV.SPEEDUP || 720),
      scale: Number(__ENV.SCALE || 0.1),
      from: __ENV.FROM || "2022-08-04",
      to: __ENV.TO || "2022-08-05",
    }),
  },
  thresholds: {
    checks: ["rate>0.99"], // referrals end up accepted, on one endpoint or the other
    "http_req_failed{endpoint:contingency}": ["rate<0.01"],
    "http_req_duration{endpoint:contingency}": ["p(95)<1000"],
    "outagesim_failovers{reason:phase}": ["count>0"], // the outage happened and the script moved
    "outagesim_failovers{reason:primary-error}": [`count<=${Number(__ENV.MAX_REACTIVE || 5)}`],
    dropped_iterations: ["count==0"],
  },
};

let onContingency = false; // per VU

function post(url, endpoint, body, ph) {
  return http.post(url, body, {
    headers: {
      "Content-Type": "application/json",
      "X-Outagesim-Start": String(exec.scenario.startTime),
      "X-Outagesim-Phase": ph.phase,
    },
    tags: { endpoint: endpoint, phase: ph.phase },
  });
}

export default function () {
  const ph = phase(); // seconds since this scenario started, on arrivals()' timeline
  const down = ph.affected.includes(SERVICE);
  if (down && !onContingency) {
    failover("phase");
  }
  onContingency = down;

  const body = JSON.stringify(referral({ service: SERVICE }));
  let res;
  if (down) {
    res = post(CONTINGENCY, "contingency", body, ph);
  } else {
    res = post(PRIMARY, "primary", body, ph);
    if (res.status >= 500 || res.status === 0) {
      failover("primary-error");
      res = post(CONTINGENCY, "contingency", body, ph);
    }
  }
  check(res, { "referral accepted (2xx)": (r) => r.status >= 200 && r.status < 300 });
}
