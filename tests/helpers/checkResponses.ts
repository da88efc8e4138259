// Run after each test (jest's setupFilesAfterEnv): a response the test's gateways sent that its dialect's OpenAPI
// document does not describe fails that test (tests/helpers/responseContract.ts).
import { takeFindings } from './responseContract';

function failOnFindings() {
  const findings = takeFindings();
  if (findings.length > 0) throw new Error(`responses that differ from their OpenAPI document:\n${findings.join('\n')}`);
}

afterEach(failOnFindings);
afterAll(failOnFindings);
