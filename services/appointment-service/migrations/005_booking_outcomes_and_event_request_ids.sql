-- Up Migration
-- A stored booking outcome is the worker's decision, no longer the HTTP answer made of it:
-- {status: 201, body: appointment} becomes {result: BOOKED, appointment}, {status: 200, body} (a
-- reschedule) {result: RESCHEDULED, appointment}, and an error answer {status, body: {error: {code,
-- message}}} becomes {result: REJECTED, code, message}. Only decided outcomes were ever stored (201,
-- 200, 400, 404, 409), so no other status needs a rule.
UPDATE booking_commands SET outcome = CASE
    WHEN (outcome ->> 'status')::int = 201 THEN jsonb_build_object('result', 'BOOKED', 'appointment', outcome -> 'body')
    WHEN (outcome ->> 'status')::int = 200 THEN jsonb_build_object('result', 'RESCHEDULED', 'appointment', outcome -> 'body')
    ELSE jsonb_build_object('result', 'REJECTED', 'code', outcome #>> '{body,error,code}', 'message', outcome #>> '{body,error,message}')
  END
  WHERE outcome ? 'status';
-- The request that recorded the event: the outbox relay publishes the event under that request id
-- (AMQP header x-request-id), so its consumers' logs carry it. Null for events recorded before.
ALTER TABLE appointment_events ADD COLUMN request_id text;

-- Down Migration
ALTER TABLE appointment_events DROP COLUMN request_id;
UPDATE booking_commands SET outcome = CASE outcome ->> 'result'
    WHEN 'BOOKED' THEN jsonb_build_object('status', 201, 'body', outcome -> 'appointment')
    WHEN 'RESCHEDULED' THEN jsonb_build_object('status', 200, 'body', outcome -> 'appointment')
    ELSE jsonb_build_object(
      'status', CASE WHEN outcome ->> 'code' IN ('SLOT_TAKEN', 'PATIENT_BUSY', 'INVALID_STATE') THEN 409
                     WHEN outcome ->> 'code' IN ('DOCTOR_NOT_FOUND', 'NOT_FOUND', 'CABINET_NOT_FOUND') THEN 404
                     ELSE 400 END,
      'body', jsonb_build_object('error', jsonb_build_object('code', outcome -> 'code', 'message', outcome -> 'message')))
  END
  WHERE outcome ? 'result';
