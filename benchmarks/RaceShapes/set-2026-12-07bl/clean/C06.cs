using System.Collections.Immutable;

namespace Blind64.LampMuseum.Loans
{
    public sealed record LampLoan(string LampId, string BorrowingMuseum, DateOnly Due);

    /// <summary>
    /// Register of oil lamps currently out on loan to other museums. Shared by the
    /// collections web app (many concurrent curators) and the nightly overdue report.
    /// </summary>
    public sealed class LoanRegister
    {
        private ImmutableDictionary<string, LampLoan> _loans = ImmutableDictionary<string, LampLoan>.Empty;

        public ImmutableDictionary<string, LampLoan> Snapshot => Volatile.Read(ref _loans);

        public bool TryLend(LampLoan loan)
        {
            return ImmutableInterlocked.TryAdd(ref _loans, loan.LampId, loan);
        }

        public bool TryReturn(string lampId, out LampLoan? loan)
        {
            var removed = ImmutableInterlocked.TryRemove(ref _loans, lampId, out var l);
            loan = removed ? l : null;
            return removed;
        }

        public LampLoan Extend(string lampId, int extraDays)
        {
            var spin = new SpinWait();
            while (true)
            {
                var current = Volatile.Read(ref _loans);
                if (!current.TryGetValue(lampId, out var existing))
                {
                    throw new KeyNotFoundException($"Lamp {lampId} is not on loan.");
                }

                var extended = existing with { Due = existing.Due.AddDays(extraDays) };
                var updated = current.SetItem(lampId, extended);
                if (ReferenceEquals(Interlocked.CompareExchange(ref _loans, updated, current), current))
                {
                    return extended;
                }

                spin.SpinOnce();
            }
        }
    }

    /// <summary>Nightly report of loans past their due date.</summary>
    public sealed class OverdueLoanReport
    {
        private readonly LoanRegister _register;

        public OverdueLoanReport(LoanRegister register) => _register = register;

        public IReadOnlyList<string> Build(DateOnly today)
        {
            var snapshot = _register.Snapshot;
            return snapshot.Values
                .Where(l => l.Due < today)
                .OrderBy(l => l.Due)
                .Select(l => $"{l.LampId} at {l.BorrowingMuseum}, due {l.Due:yyyy-MM-dd}")
                .ToList();
        }
    }

    /// <summary>Bulk loan import used when a touring exhibition is set up.</summary>
    public static class TouringExhibition
    {
        public static int LendAll(LoanRegister register, IEnumerable<LampLoan> loans)
        {
            var lent = 0;
            Parallel.ForEach(loans, loan =>
            {
                if (register.TryLend(loan))
                {
                    Interlocked.Increment(ref lent);
                }
            });

            return lent;
        }
    }
}
