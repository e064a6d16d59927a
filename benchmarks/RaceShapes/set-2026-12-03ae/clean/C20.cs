namespace Blind31.HotAirBalloonLaunches.Burners;

/// <summary>Result of a burner pressure test, filled in by the test rig's callback.</summary>
public sealed class BurnerTestResult
{
    public string BurnerSerial { get; set; } = string.Empty;

    public double PeakPressureBar { get; set; }

    public double PilotLightSeconds { get; set; }

    public List<string> Faults { get; } = new();
}

public interface IBurnerTestRig
{
    /// <summary>Starts a test; <paramref name="onFinished"/> is invoked on the rig's driver thread.</summary>
    void StartTest(string burnerSerial, Action<double, double, string[]> onFinished);
}

/// <summary>Wraps the callback-based test rig in a task-based API for the pre-flight checklist app.</summary>
public sealed class BurnerTestService
{
    private readonly IBurnerTestRig _rig;

    public BurnerTestService(IBurnerTestRig rig)
    {
        _rig = rig;
    }

    public Task<BurnerTestResult> RunTestAsync(string burnerSerial, CancellationToken ct)
    {
        var completion = new TaskCompletionSource<BurnerTestResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ct.Register(() => completion.TrySetCanceled(ct));

        _rig.StartTest(burnerSerial, (peak, pilotSeconds, faults) =>
        {
            var result = new BurnerTestResult
            {
                BurnerSerial = burnerSerial,
                PeakPressureBar = peak,
                PilotLightSeconds = pilotSeconds,
            };
            result.Faults.AddRange(faults);

            registration.Dispose();
            completion.TrySetResult(result);
        });

        return completion.Task;
    }
}

/// <summary>Part of the pre-flight checklist run by the crew chief before inflation.</summary>
public sealed class PreFlightChecklist
{
    private readonly BurnerTestService _tests;

    public PreFlightChecklist(BurnerTestService tests)
    {
        _tests = tests;
    }

    public async Task<IReadOnlyList<string>> CheckBurnersAsync(IEnumerable<string> serials, CancellationToken ct)
    {
        var results = await Task.WhenAll(serials.Select(s => _tests.RunTestAsync(s, ct))).ConfigureAwait(false);

        var problems = new List<string>();
        foreach (var result in results)
        {
            if (result.PeakPressureBar > 10.5)
            {
                problems.Add($"{result.BurnerSerial}: overpressure {result.PeakPressureBar:F1} bar");
            }

            if (result.PilotLightSeconds > 3)
            {
                problems.Add($"{result.BurnerSerial}: slow pilot ignition");
            }

            problems.AddRange(result.Faults.Select(f => $"{result.BurnerSerial}: {f}"));
        }

        return problems;
    }
}
