namespace Blind48.DroneRacing.Heats;

public sealed class GatePassedEventArgs : EventArgs
{
    public GatePassedEventArgs(string pilotId, int gate, TimeSpan elapsed)
    {
        PilotId = pilotId;
        Gate = gate;
        Elapsed = elapsed;
    }

    public string PilotId { get; }
    public int Gate { get; }
    public TimeSpan Elapsed { get; }
}

/// <summary>
/// A timing gate's receiver. Runs its own polling loop and raises
/// <see cref="GatePassed"/> from that loop.
/// </summary>
public sealed class TimingGate
{
    public TimingGate(int number) => Number = number;

    public int Number { get; }

    public event EventHandler<GatePassedEventArgs>? GatePassed;

    public async Task RunAsync(Func<int, (string PilotId, TimeSpan Elapsed)?> poll, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (poll(Number) is { } hit)
            {
                GatePassed?.Invoke(this, new GatePassedEventArgs(hit.PilotId, Number, hit.Elapsed));
            }

            await Task.Delay(5, ct).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// Runs one heat: starts every gate, waits for the first pilot to clear the
/// final gate or for the race director to stop the heat, then shuts the gates
/// down.
/// </summary>
public sealed class HeatRunner
{
    public async Task<string?> RunHeatAsync(IReadOnlyList<TimingGate> gates, Func<int, (string, TimeSpan)?> poll, TimeSpan maxDuration, CancellationToken directorStop)
    {
        var finalGate = gates[^1].Number;
        var winner = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);

        void OnGatePassed(object? sender, GatePassedEventArgs e)
        {
            if (e.Gate == finalGate)
            {
                winner.TrySetResult(e.PilotId);
            }
        }

        using var heatCts = CancellationTokenSource.CreateLinkedTokenSource(directorStop);
        heatCts.CancelAfter(maxDuration);

        Task[] gateTasks;
        using (heatCts.Token.Register(() => winner.TrySetResult(null)))
        {
            foreach (var gate in gates)
            {
                gate.GatePassed += OnGatePassed;
            }

            gateTasks = gates.Select(g => Task.Run(() => g.RunAsync(poll, heatCts.Token))).ToArray();

            var result = await winner.Task.ConfigureAwait(false);

            heatCts.Cancel();
            try
            {
                await Task.WhenAll(gateTasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            foreach (var gate in gates)
            {
                gate.GatePassed -= OnGatePassed;
            }

            return result;
        }
    }
}
