namespace BuildRunner.Cli;

public sealed class RunnerOptions
{
    public int MaxThreads { get; set; } = Environment.ProcessorCount;
    public bool Parallel { get; set; } = true;
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public string? LockFile { get; set; }
    public List<string> Targets { get; } = new();
    public bool Verbose { get; set; }
}

/// <summary>
/// Parses the command line for <c>buildrunner [--max-threads N] [--no-parallel]
/// [--lock-timeout SECONDS] [--lock-file PATH] [-v] targets...</c>.
/// </summary>
public sealed class RunnerOptionsParser
{
    private readonly List<string> _errors = new();
    private int _position;
    private string[] _args = Array.Empty<string>();

    public IReadOnlyList<string> Errors => _errors;

    public RunnerOptions Parse(string[] args)
    {
        _args = args;
        _position = 0;
        _errors.Clear();
        var options = new RunnerOptions();

        while (_position < _args.Length)
        {
            var arg = _args[_position++];
            switch (arg)
            {
                case "--max-threads":
                    if (int.TryParse(NextValue(arg), out var threads) && threads > 0)
                    {
                        options.MaxThreads = threads;
                    }
                    else
                    {
                        _errors.Add("--max-threads expects a positive integer");
                    }

                    break;
                case "--no-parallel":
                    options.Parallel = false;
                    options.MaxThreads = 1;
                    break;
                case "--lock-timeout":
                    if (double.TryParse(NextValue(arg), System.Globalization.NumberStyles.Float,
                            System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                    {
                        options.LockTimeout = TimeSpan.FromSeconds(seconds);
                    }
                    else
                    {
                        _errors.Add("--lock-timeout expects a number of seconds");
                    }

                    break;
                case "--lock-file":
                    options.LockFile = NextValue(arg);
                    break;
                case "-v":
                case "--verbose":
                    options.Verbose = true;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        _errors.Add($"Unknown option '{arg}'");
                    }
                    else
                    {
                        options.Targets.Add(arg);
                    }

                    break;
            }
        }

        if (options.Targets.Count == 0)
        {
            options.Targets.Add("default");
        }

        return options;
    }

    private string? NextValue(string option)
    {
        if (_position < _args.Length)
        {
            return _args[_position++];
        }

        _errors.Add($"{option} requires a value");
        return null;
    }
}
