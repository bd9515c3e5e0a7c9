// The server's own ID card and phone rules (cloudfunctions/_shared/domain), bundled into the mini-program by
// the build so the form checks as the member types with exactly the rule the server applies.
export { parseIdCard } from '../../cloudfunctions/_shared/domain/idCard';
export { parsePhone } from '../../cloudfunctions/_shared/domain/phone';
