namespace BuildRunner.CommandLine;

public sealed class RunnerOptions
{
    public int MaxThreads { get; set; } = Environment.ProcessorCount;
    public bool Parallel { get; set; } = true;
    public bool UseLockFile { get; set; } = true;
    public string LockFilePath { get; set; } = ".buildrunner.lock";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
    public List<string> Targets { get; } = new();
}

/// <summary>
/// Parses the build runner's command line, e.g.
/// <c>buildrunner --threads 4 --no-parallel --lock-file build.lock test pack</c>.
/// </summary>
public sealed class OptionParser
{
    private readonly Dictionary<string, Action<RunnerOptions, string?>> _handlers;
    private readonly List<string> _warnings = new();
    private int _tokensConsumed;

    public OptionParser()
    {
        _handlers = new Dictionary<string, Action<RunnerOptions, string?>>(StringComparer.OrdinalIgnoreCase)
        {
            ["--threads"] = (o, v) => o.MaxThreads = ParsePositive(v, "--threads"),
            ["--parallel"] = (o, _) => o.Parallel = true,
            ["--no-parallel"] = (o, _) => { o.Parallel = false; o.MaxThreads = 1; },
            ["--lock-file"] = (o, v) => o.LockFilePath = v ?? throw new ArgumentException("--lock-file needs a path"),
            ["--no-lock"] = (o, _) => o.UseLockFile = false,
            ["--timeout"] = (o, v) => o.Timeout = TimeSpan.FromSeconds(ParsePositive(v, "--timeout")),
        };
    }

    public IReadOnlyList<string> Warnings => _warnings;

    public int TokensConsumed => _tokensConsumed;

    public RunnerOptions Parse(string[] args)
    {
        var options = new RunnerOptions();
        for (int i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            _tokensConsumed++;

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options.Targets.Add(arg);
                continue;
            }

            if (!_handlers.TryGetValue(arg, out var handler))
            {
                _warnings.Add($"Unknown option '{arg}' ignored.");
                continue;
            }

            string? value = null;
            if (TakesValue(arg) && i + 1 < args.Length)
            {
                value = args[++i];
                _tokensConsumed++;
            }

            handler(options, value);
        }

        if (options.Targets.Count == 0)
        {
            options.Targets.Add("build");
        }

        if (!options.Parallel && options.MaxThreads > 1)
        {
            _warnings.Add("--threads has no effect together with --no-parallel.");
            options.MaxThreads = 1;
        }

        return options;
    }

    private static bool TakesValue(string option) =>
        option is "--threads" or "--lock-file" or "--timeout";

    private static int ParsePositive(string? value, string option)
    {
        if (int.TryParse(value, out var n) && n > 0)
        {
            return n;
        }

        throw new ArgumentException($"{option} expects a positive integer, got '{value}'.");
    }
}

public static class Program
{
    public static int Main(string[] args)
    {
        var parser = new OptionParser();
        var options = parser.Parse(args);

        foreach (var warning in parser.Warnings)
        {
            Console.Error.WriteLine("warning: " + warning);
        }

        Console.WriteLine($"targets={string.Join(',', options.Targets)} threads={options.MaxThreads} lock={options.UseLockFile}");
        return 0;
    }
}
