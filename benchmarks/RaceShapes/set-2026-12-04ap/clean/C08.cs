using System.Collections.Concurrent;
using System.Text;

namespace Blind42.Perfumery.Maceration;

/// <summary>Message loop for the lab console UI.</summary>
public sealed class ConsoleDispatcher : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    public ConsoleDispatcher()
    {
        _thread = new Thread(() =>
        {
            foreach (var action in _work.GetConsumingEnumerable())
            {
                action();
            }
        }) { IsBackground = true, Name = "console-ui" };
        _thread.Start();
    }

    public void Post(Action action) => _work.Add(action);

    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try { tcs.SetResult(func()); }
            catch (Exception ex) { tcs.SetException(ex); }
        });
        return tcs.Task;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
    }
}

public sealed record MacerationStep(string Tincture, int Day, double AbsorbancePercent);

/// <summary>Monitors maceration vats on a worker task and raises an event per reading.</summary>
public sealed class MacerationMonitor
{
    public event Action<MacerationStep>? StepRecorded;

    public Task RunAsync(IEnumerable<MacerationStep> steps, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        foreach (var step in steps)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            StepRecorded?.Invoke(step);
        }
    }, cancellationToken);
}

/// <summary>View-model for the maceration panel.</summary>
public sealed class MacerationViewModel
{
    private readonly ConsoleDispatcher _dispatcher;
    private readonly List<string> _lines = new();
    private double _peakAbsorbance;

    public MacerationViewModel(ConsoleDispatcher dispatcher, MacerationMonitor monitor)
    {
        _dispatcher = dispatcher;
        monitor.StepRecorded += step => _dispatcher.Post(() => Apply(step));
    }

    private void Apply(MacerationStep step)
    {
        _lines.Add($"day {step.Day,3}  {step.Tincture,-18} {step.AbsorbancePercent,6:F2}%");
        _peakAbsorbance = Math.Max(_peakAbsorbance, step.AbsorbancePercent);
    }

    public Task<string> RenderAsync() => _dispatcher.InvokeAsync(() =>
    {
        var sb = new StringBuilder();
        foreach (var line in _lines)
        {
            sb.AppendLine(line);
        }
        sb.AppendLine($"peak {_peakAbsorbance:F2}%");
        return sb.ToString();
    });
}

/// <summary>Wires the panel up for one maceration run.</summary>
public static class MacerationPanel
{
    public static async Task<string> RunAsync(IEnumerable<MacerationStep> steps, CancellationToken cancellationToken)
    {
        using var dispatcher = new ConsoleDispatcher();
        var monitor = new MacerationMonitor();
        var viewModel = new MacerationViewModel(dispatcher, monitor);
        await monitor.RunAsync(steps, cancellationToken);
        return await viewModel.RenderAsync();
    }
}
