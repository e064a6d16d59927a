using System.Text;

namespace Blind42.Perfumery.Blending;

public sealed class BlendCompletedEventArgs : EventArgs
{
    public BlendCompletedEventArgs(string formula, double millilitres)
    {
        Formula = formula;
        Millilitres = millilitres;
    }

    public string Formula { get; }
    public double Millilitres { get; }
}

/// <summary>Runs a list of blends on the mixing robot from a background task.</summary>
public sealed class BlendRunner
{
    public event EventHandler<BlendCompletedEventArgs>? BlendCompleted;

    public Task RunAsync(IReadOnlyList<(string Formula, double Millilitres)> blends, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            foreach (var (formula, ml) in blends)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(ml * 3), cancellationToken).ConfigureAwait(false);
                BlendCompleted?.Invoke(this, new BlendCompletedEventArgs(formula, ml));
            }
        }, cancellationToken);
}

/// <summary>View-model behind the blend history panel of the lab console.</summary>
public sealed class BlendHistoryViewModel
{
    private readonly List<string> _history = new();

    public BlendHistoryViewModel(BlendRunner runner)
    {
        runner.BlendCompleted += OnBlendCompleted;
    }

    private void OnBlendCompleted(object? sender, BlendCompletedEventArgs e)
    {
        _history.Add($"{DateTime.Now:HH:mm:ss}  {e.Formula,-24} {e.Millilitres,8:F1} ml");
    }

    public string RenderHistory()
    {
        var sb = new StringBuilder();
        foreach (var line in _history)
        {
            sb.AppendLine(line);
        }
        return sb.ToString();
    }
}

/// <summary>Console front end: starts a run and redraws the history panel until it finishes.</summary>
public static class BlendConsole
{
    public static async Task RunAsync(IReadOnlyList<(string, double)> blends, TextWriter output)
    {
        var runner = new BlendRunner();
        var viewModel = new BlendHistoryViewModel(runner);
        using var cts = new CancellationTokenSource();

        var run = runner.RunAsync(blends, cts.Token);
        while (!run.IsCompleted)
        {
            output.Write(viewModel.RenderHistory());
            await Task.WhenAny(run, Task.Delay(200));
        }

        output.Write(viewModel.RenderHistory());
    }
}
