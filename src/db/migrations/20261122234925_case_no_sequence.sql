-- Numbers for cases created in the app (imported and generated cases bring their own case_no).
CREATE SEQUENCE IF NOT EXISTS case_no_seq START 1;
