namespace Blind10.Tools.ImageOptimizer;

/// <summary>
/// Command line options for the image optimizer:
/// <c>imgopt &lt;input&gt; [--threads N] [--parallel] [--lock-file path] [--synchronized-output]</c>.
/// </summary>
public sealed class OptimizerOptions
{
    public string InputDirectory { get; private set; } = ".";
    public int Threads { get; private set; } = Environment.ProcessorCount;
    public bool Parallel { get; private set; }
    public string? LockFile { get; private set; }
    public bool SynchronizedOutput { get; private set; }
    public int Quality { get; private set; } = 85;
    public List<string> Errors { get; } = new();

    public static OptimizerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new OptimizerOptions();
        int position = 0;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--threads" when i + 1 < args.Count:
                    if (int.TryParse(args[++i], out int threads) && threads > 0)
                    {
                        options.Threads = threads;
                    }
                    else
                    {
                        options.Errors.Add($"Invalid thread count '{args[i]}'.");
                    }
                    break;
                case "--parallel":
                    options.Parallel = true;
                    break;
                case "--lock-file" when i + 1 < args.Count:
                    options.LockFile = args[++i];
                    break;
                case "--synchronized-output":
                    options.SynchronizedOutput = true;
                    break;
                case "--quality" when i + 1 < args.Count:
                    options.Quality = Math.Clamp(int.TryParse(args[++i], out int q) ? q : 85, 1, 100);
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        options.Errors.Add($"Unknown option '{arg}'.");
                    }
                    else if (position++ == 0)
                    {
                        options.InputDirectory = arg;
                    }
                    break;
            }
        }

        if (!options.Parallel)
        {
            options.Threads = 1;
        }

        return options;
    }

    public string Describe() =>
        $"input={InputDirectory} threads={Threads} parallel={Parallel} lock={LockFile ?? "(none)"} quality={Quality}";
}
