namespace SkyPixel.Shows.Formations;

public sealed record DronePosition(int DroneId, double X, double Y, double Z);

public sealed class FormationPlan
{
    public FormationPlan(string name, IReadOnlyList<DronePosition> positions, TimeSpan transition)
    {
        Name = name;
        Positions = positions;
        Transition = transition;
    }

    public string Name { get; }
    public IReadOnlyList<DronePosition> Positions { get; }
    public TimeSpan Transition { get; }
}

/// <summary>
/// Computes the next formation of a light show on a background thread while the current
/// one is flying. The show conductor and the ground-station preview both await the result.
/// </summary>
public sealed class FormationPrecomputer
{
    private readonly Func<string, int, FormationPlan> _solver;

    public FormationPrecomputer(Func<string, int, FormationPlan> solver)
    {
        _solver = solver;
    }

    public Task<FormationPlan> PrecomputeAsync(string formation, int droneCount, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource<FormationPlan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ct.Register(() => tcs.TrySetCanceled(ct));

        var worker = new Thread(() =>
        {
            try
            {
                var plan = _solver(formation, droneCount);
                tcs.TrySetResult(plan);
            }
            catch (Exception ex)
            {
                tcs.TrySetException(ex);
            }
            finally
            {
                registration.Dispose();
            }
        })
        { IsBackground = true, Name = $"formation-{formation}" };
        worker.Start();

        return tcs.Task;
    }
}

/// <summary>Sequences formations during a show.</summary>
public sealed class ShowConductor
{
    private readonly FormationPrecomputer _precomputer;

    public ShowConductor(FormationPrecomputer precomputer)
    {
        _precomputer = precomputer;
    }

    public async Task<int> FlyAsync(IReadOnlyList<string> formations, int droneCount, Func<FormationPlan, Task> upload, CancellationToken ct)
    {
        if (formations.Count == 0)
        {
            return 0;
        }

        int flown = 0;
        var next = _precomputer.PrecomputeAsync(formations[0], droneCount, ct);
        for (int i = 0; i < formations.Count; i++)
        {
            var plan = await next;
            if (i + 1 < formations.Count)
            {
                next = _precomputer.PrecomputeAsync(formations[i + 1], droneCount, ct);
            }
            await upload(plan);
            await Task.Delay(plan.Transition, ct);
            flown++;
        }
        return flown;
    }
}
