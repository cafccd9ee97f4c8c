-- Keep the sale JSON and receipt text in the row: H2 stores CLOBs in a separate LOB map, which a
-- profile of the journal writer showed as a top cost per sale. 1,000,000 characters is H2's VARCHAR limit,
-- far above a 200-line receipt (about 35 KB).
ALTER TABLE pos_sale ALTER COLUMN sale_json SET DATA TYPE CHARACTER VARYING(1000000);
ALTER TABLE pos_sale ALTER COLUMN receipt_text SET DATA TYPE CHARACTER VARYING(1000000);
