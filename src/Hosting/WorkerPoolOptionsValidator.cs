using Microsoft.Extensions.Options;

namespace Forklift.Hosting;

/// <summary>Checks bound <see cref="WorkerPoolOptions"/> at host start (<c>ValidateOnStart</c>), so a bad setting in
/// appsettings.json stops the app with a message naming the setting instead of failing the first call.</summary>
internal sealed class WorkerPoolOptionsValidator : IValidateOptions<WorkerPoolOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerPoolOptions options)
    {
        var failures = new List<string>();
        string pool = string.IsNullOrEmpty(name) ? "the default pool" : $"pool '{name}'";
        if (options.Workers < 1)
        {
            failures.Add($"Workers of {pool} must be at least 1 (was {options.Workers}).");
        }

        if (options.MaxMessageBytes < 1024)
        {
            failures.Add($"MaxMessageBytes of {pool} must be at least 1024 (was {options.MaxMessageBytes}).");
        }

        if (options.TaskTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            failures.Add($"TaskTimeout of {pool} must be positive, or unset for no limit (was {timeout}).");
        }

        if (options.WorkerStartTimeout <= TimeSpan.Zero)
        {
            failures.Add($"WorkerStartTimeout of {pool} must be positive (was {options.WorkerStartTimeout}).");
        }

        if (options.CancellationGracePeriod < TimeSpan.Zero)
        {
            failures.Add($"CancellationGracePeriod of {pool} must not be negative (was {options.CancellationGracePeriod}).");
        }

        if (options.MaxTasksPerWorker is < 1)
        {
            failures.Add($"MaxTasksPerWorker of {pool} must be at least 1, or unset (was {options.MaxTasksPerWorker}).");
        }

        if (options.MaxWorkerMemory is < 1)
        {
            failures.Add($"MaxWorkerMemory of {pool} must be positive, or unset (was {options.MaxWorkerMemory}).");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"Name of {pool} must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
