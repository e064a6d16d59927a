namespace MusicSchool.Lockers
{
    public sealed record InstrumentLoan(string InstrumentTag, string StudentId, DateOnly Due);

    /// <summary>
    /// Loan register for the instrument store, partitioned by instrument
    /// family so that busy families do not block each other. Shared by the
    /// front-desk scanner, the teacher app and the overnight reminder job.
    /// </summary>
    public sealed class InstrumentLoanRegister
    {
        private const int StripeCount = 8;
        private readonly object[] _stripeLocks = new object[StripeCount];
        private readonly Dictionary<string, InstrumentLoan>[] _stripes = new Dictionary<string, InstrumentLoan>[StripeCount];

        public InstrumentLoanRegister()
        {
            for (var i = 0; i < StripeCount; i++)
            {
                _stripeLocks[i] = new object();
                _stripes[i] = new Dictionary<string, InstrumentLoan>(StringComparer.OrdinalIgnoreCase);
            }
        }

        private static int StripeOf(string instrumentTag) =>
            (StringComparer.OrdinalIgnoreCase.GetHashCode(instrumentTag) & 0x7fffffff) % StripeCount;

        public bool TryLend(string instrumentTag, string studentId, DateOnly due)
        {
            var s = StripeOf(instrumentTag);
            lock (_stripeLocks[s])
            {
                return _stripes[s].TryAdd(instrumentTag, new InstrumentLoan(instrumentTag, studentId, due));
            }
        }

        public InstrumentLoan? Return(string instrumentTag)
        {
            var s = StripeOf(instrumentTag);
            lock (_stripeLocks[s])
            {
                return _stripes[s].Remove(instrumentTag, out var loan) ? loan : null;
            }
        }

        public InstrumentLoan? Find(string instrumentTag)
        {
            var s = StripeOf(instrumentTag);
            lock (_stripeLocks[s])
            {
                return _stripes[s].TryGetValue(instrumentTag, out var loan) ? loan : null;
            }
        }

        public IReadOnlyList<InstrumentLoan> Overdue(DateOnly today)
        {
            var result = new List<InstrumentLoan>();
            for (var s = 0; s < StripeCount; s++)
            {
                lock (_stripeLocks[s])
                {
                    foreach (var loan in _stripes[s].Values)
                    {
                        if (loan.Due < today)
                        {
                            result.Add(loan);
                        }
                    }
                }
            }

            result.Sort((a, b) => a.Due.CompareTo(b.Due));
            return result;
        }
    }

    public static class OverdueReminderJob
    {
        public static Task<int> RunAsync(InstrumentLoanRegister register, Func<InstrumentLoan, Task> sendReminder) =>
            Task.Run(async () =>
            {
                var overdue = register.Overdue(DateOnly.FromDateTime(DateTime.Today));
                foreach (var loan in overdue)
                {
                    await sendReminder(loan).ConfigureAwait(false);
                }
                return overdue.Count;
            });
    }
}
