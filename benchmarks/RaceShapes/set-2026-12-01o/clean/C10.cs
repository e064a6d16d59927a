using System.Collections.Concurrent;

namespace Dairy.Milking.Diagnostics;

public sealed record DiagnosticEntry(string? RobotId, string? CowTag, string Message, DateTime At);

/// <summary>
/// Lightweight diagnostic log for the milking parlour service. The robot and cow in
/// scope flow with the async call chain so nested code does not need to pass them around.
/// </summary>
public static class ParlourDiagnostics
{
    private static readonly AsyncLocal<string?> s_robotId = new();
    private static readonly AsyncLocal<string?> s_cowTag = new();
    private static readonly ConcurrentQueue<DiagnosticEntry> s_entries = new();

    public static IDisposable BeginRobotScope(string robotId)
    {
        var previous = s_robotId.Value;
        s_robotId.Value = robotId;
        return new Restore(() => s_robotId.Value = previous);
    }

    public static IDisposable BeginCowScope(string cowTag)
    {
        var previous = s_cowTag.Value;
        s_cowTag.Value = cowTag;
        return new Restore(() => s_cowTag.Value = previous);
    }

    public static void Write(string message) =>
        s_entries.Enqueue(new DiagnosticEntry(s_robotId.Value, s_cowTag.Value, message, DateTime.UtcNow));

    public static IReadOnlyList<DiagnosticEntry> Drain()
    {
        var drained = new List<DiagnosticEntry>();
        while (s_entries.TryDequeue(out var entry))
        {
            drained.Add(entry);
        }

        return drained;
    }

    private sealed class Restore : IDisposable
    {
        private Action? _undo;

        public Restore(Action undo) => _undo = undo;

        public void Dispose()
        {
            _undo?.Invoke();
            _undo = null;
        }
    }
}

public interface IRobotArm
{
    Task AttachCupsAsync(string cowTag, CancellationToken ct);
}

/// <summary>Runs the morning milking across all robots in the parlour at once.</summary>
public sealed class ParlourRun
{
    private readonly IReadOnlyDictionary<string, IRobotArm> _robots;

    public ParlourRun(IReadOnlyDictionary<string, IRobotArm> robots) => _robots = robots;

    public Task RunAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> cowsPerRobot, CancellationToken ct) =>
        Task.WhenAll(cowsPerRobot.Select(pair => MilkQueueAsync(pair.Key, pair.Value, ct)));

    private async Task MilkQueueAsync(string robotId, IReadOnlyList<string> cows, CancellationToken ct)
    {
        using var robotScope = ParlourDiagnostics.BeginRobotScope(robotId);
        foreach (var cow in cows)
        {
            using var cowScope = ParlourDiagnostics.BeginCowScope(cow);
            ParlourDiagnostics.Write("attaching cups");
            await _robots[robotId].AttachCupsAsync(cow, ct);
            ParlourDiagnostics.Write("milking started");
        }
    }
}
