namespace Observatory.Allocation
{
    public sealed record TimeRequest(string RequestId, string ProgrammeId, DateTime StartUtc, TimeSpan Duration, string Instrument);

    /// <summary>
    /// Keeps the allocated telescope time for the current semester. Registered
    /// as a singleton; the proposal portal and the night-assistant console call
    /// it concurrently.
    /// </summary>
    public sealed class SemesterAllocationBook
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, TimeRequest> _accepted = new();
        private readonly Dictionary<string, double> _hoursByProgramme = new();

        public bool TryAccept(TimeRequest request, double programmeCapHours)
        {
            lock (_gate)
            {
                _hoursByProgramme.TryGetValue(request.ProgrammeId, out var used);
                if (used + request.Duration.TotalHours > programmeCapHours)
                {
                    return false;
                }

                foreach (var other in _accepted.Values)
                {
                    if (other.Instrument == request.Instrument &&
                        other.StartUtc < request.StartUtc + request.Duration &&
                        request.StartUtc < other.StartUtc + other.Duration)
                    {
                        return false;
                    }
                }

                _accepted.Add(request.RequestId, request);
                _hoursByProgramme[request.ProgrammeId] = used + request.Duration.TotalHours;
                return true;
            }
        }

        public bool Withdraw(string requestId)
        {
            lock (_gate)
            {
                if (!_accepted.Remove(requestId, out var request))
                {
                    return false;
                }

                _hoursByProgramme[request.ProgrammeId] -= request.Duration.TotalHours;
                return true;
            }
        }

        public double HoursUsed(string programmeId)
        {
            lock (_gate)
            {
                return _hoursByProgramme.TryGetValue(programmeId, out var h) ? h : 0;
            }
        }

        public IReadOnlyList<TimeRequest> ForInstrument(string instrument)
        {
            List<TimeRequest> copy;
            lock (_gate)
            {
                copy = _accepted.Values.Where(r => r.Instrument == instrument).ToList();
            }

            copy.Sort((a, b) => a.StartUtc.CompareTo(b.StartUtc));
            return copy;
        }
    }

    /// <summary>
    /// Withdraws every request of a programme, e.g. when the PI cancels their run.
    /// </summary>
    public sealed class ProgrammeWithdrawalJob
    {
        private readonly SemesterAllocationBook _book;

        public ProgrammeWithdrawalJob(SemesterAllocationBook book) => _book = book;

        public Task<int> RunAsync(string programmeId, IEnumerable<string> instruments)
        {
            return Task.Run(() =>
            {
                var count = 0;
                foreach (var instrument in instruments)
                {
                    foreach (var r in _book.ForInstrument(instrument))
                    {
                        if (r.ProgrammeId == programmeId && _book.Withdraw(r.RequestId))
                        {
                            count++;
                        }
                    }
                }
                return count;
            });
        }
    }
}
