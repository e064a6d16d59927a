using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Banking.Reconciliation
{
    public sealed record LedgerAccount(string AccountNumber, string Currency, decimal BookBalance);

    public interface IStatementClient
    {
        Task<decimal> GetStatementBalanceAsync(string accountNumber, DateOnly asOf, CancellationToken cancellationToken);
    }

    public sealed record ReconciliationSummary(DateOnly AsOf, int Checked, int Mismatched, IReadOnlyList<string> MismatchedAccounts);

    /// <summary>
    /// Compares the general ledger with the balances reported by the
    /// correspondent bank at the end of each business day.
    /// </summary>
    public sealed class DailyReconciler
    {
        private readonly IStatementClient _client;
        private readonly decimal _tolerance;

        public DailyReconciler(IStatementClient client, decimal tolerance = 0.005m)
        {
            _client = client;
            _tolerance = tolerance;
        }

        public async Task<ReconciliationSummary> RunAsync(IReadOnlyList<LedgerAccount> accounts, DateOnly asOf, CancellationToken cancellationToken)
        {
            int mismatched = 0;
            var flagged = new ConcurrentQueue<string>();

            var tasks = accounts.Select(account => Task.Run(async () =>
            {
                var statementBalance = await _client
                    .GetStatementBalanceAsync(account.AccountNumber, asOf, cancellationToken)
                    .ConfigureAwait(false);

                if (Math.Abs(statementBalance - account.BookBalance) > _tolerance)
                {
                    mismatched++;
                    flagged.Enqueue(account.AccountNumber);
                }
            }, cancellationToken));

            await Task.WhenAll(tasks);

            var ordered = flagged.OrderBy(a => a, StringComparer.Ordinal).ToList();
            return new ReconciliationSummary(asOf, accounts.Count, mismatched, ordered);
        }
    }
}
