package io.exdesk.events;

/** What a ticket is about; routing matches it against agent skills. */
public enum Category {
    ACCOUNT_ACCESS, DEPOSIT, WITHDRAWAL, TRADING, SECURITY, KYC, RATES_FEES, COMPLAINT, GENERAL
}
