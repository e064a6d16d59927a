using System.Collections.Concurrent;

namespace AmateurRadio.ContestLog
{
    public sealed record Qso(string Callsign, string Band, string Mode, DateTime UtcTime, string ExchangeSent, string ExchangeReceived, string Operator);

    /// <summary>
    /// Multi-operator contest logger. Each operating position submits QSOs
    /// from its own thread; a single scoring thread owns the dupe sheet and score.
    /// </summary>
    public sealed class MultiOpContestLogger : IDisposable
    {
        private readonly BlockingCollection<Qso> _incoming = new(new ConcurrentQueue<Qso>(), boundedCapacity: 1000);
        private readonly HashSet<(string Call, string Band, string Mode)> _worked = new();
        private readonly HashSet<string> _multipliers = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<Qso> _log = new();
        private readonly Task _scorer;
        private int _dupes;

        public MultiOpContestLogger()
        {
            _scorer = Task.Factory.StartNew(ScoreLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public void Submit(Qso qso) => _incoming.Add(qso);

        private void ScoreLoop()
        {
            foreach (var qso in _incoming.GetConsumingEnumerable())
            {
                var key = (qso.Callsign.ToUpperInvariant(), qso.Band, qso.Mode);
                if (!_worked.Add(key))
                {
                    _dupes++;
                    continue;
                }

                _log.Add(qso);
                var prefix = Prefix(qso.Callsign);
                _multipliers.Add($"{qso.Band}:{prefix}");
            }
        }

        /// <summary>
        /// Ends the contest period and returns the claimed score.
        /// </summary>
        public async Task<(int Qsos, int Multipliers, int Dupes, int Score)> CloseAsync()
        {
            _incoming.CompleteAdding();
            await _scorer.ConfigureAwait(false);
            return (_log.Count, _multipliers.Count, _dupes, _log.Count * _multipliers.Count);
        }

        private static string Prefix(string call)
        {
            var end = 0;
            while (end < call.Length && !char.IsDigit(call[end]))
            {
                end++;
            }
            return call[..Math.Min(call.Length, end + 1)].ToUpperInvariant();
        }

        public void Dispose() => _incoming.Dispose();
    }

    /// <summary>
    /// One operating position (run or search-and-pounce station).
    /// </summary>
    public sealed class OperatingPosition
    {
        private readonly MultiOpContestLogger _logger;
        private readonly string _operator;

        public OperatingPosition(MultiOpContestLogger logger, string @operator)
        {
            _logger = logger;
            _operator = @operator;
        }

        public Task RunAsync(IAsyncEnumerable<(string Call, string Band, string Mode, string Rcvd)> contacts, CancellationToken ct) =>
            Task.Run(async () =>
            {
                await foreach (var c in contacts.WithCancellation(ct).ConfigureAwait(false))
                {
                    _logger.Submit(new Qso(c.Call, c.Band, c.Mode, DateTime.UtcNow, "599 14", c.Rcvd, _operator));
                }
            }, ct);
    }
}
