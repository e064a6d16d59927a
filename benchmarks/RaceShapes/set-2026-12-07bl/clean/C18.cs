namespace Blind64.SubseaCable.Diagnostics
{
    public sealed record RepeaterHealth(int Index, double PumpCurrentMa, double GainDb, bool Responding);

    public interface IRepeaterProbe
    {
        Task<RepeaterHealth> QueryAsync(string cableId, int repeaterIndex, CancellationToken ct);
    }

    /// <summary>
    /// Queries every repeater on a cable in parallel from the shore station and works out
    /// which span the repair ship should grapple for.
    /// </summary>
    public sealed class CableSweep
    {
        private readonly IRepeaterProbe _probe;
        private readonly TimeSpan _perRepeaterTimeout;

        public CableSweep(IRepeaterProbe probe, TimeSpan perRepeaterTimeout)
        {
            _probe = probe;
            _perRepeaterTimeout = perRepeaterTimeout;
        }

        public async Task<IReadOnlyList<RepeaterHealth>> SweepAsync(string cableId, int repeaterCount, CancellationToken ct)
        {
            var queries = new Task<RepeaterHealth>[repeaterCount];
            for (var i = 0; i < repeaterCount; i++)
            {
                queries[i] = QueryWithTimeoutAsync(cableId, i, ct);
            }

            var results = await Task.WhenAll(queries).ConfigureAwait(false);
            return results;
        }

        private async Task<RepeaterHealth> QueryWithTimeoutAsync(string cableId, int index, CancellationToken ct)
        {
            var query = _probe.QueryAsync(cableId, index, ct);
            var timeout = Task.Delay(_perRepeaterTimeout, ct);
            var winner = await Task.WhenAny(query, timeout).ConfigureAwait(false);
            if (winner == query)
            {
                return await query.ConfigureAwait(false);
            }

            ct.ThrowIfCancellationRequested();
            _ = query.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            return new RepeaterHealth(index, double.NaN, double.NaN, Responding: false);
        }

        public static (int From, int To)? SuspectSpan(IReadOnlyList<RepeaterHealth> sweep)
        {
            for (var i = 0; i < sweep.Count; i++)
            {
                if (!sweep[i].Responding || sweep[i].GainDb < 8.0)
                {
                    return (Math.Max(0, i - 1), i);
                }
            }

            return null;
        }
    }

    public static class ShoreStationCommands
    {
        public static async Task<string> LocateFaultAsync(CableSweep sweep, string cableId, int repeaters)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var results = await sweep.SweepAsync(cableId, repeaters, cts.Token);
            var span = CableSweep.SuspectSpan(results);
            var responding = results.Count(r => r.Responding);
            return span is { } s
                ? $"{responding}/{repeaters} responding; grapple between R{s.From} and R{s.To}"
                : $"{responding}/{repeaters} responding; no fault found";
        }
    }
}
