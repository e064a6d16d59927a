using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// An async lock of the library's own that hands back a releaser to dispose (EasyNetQ's and Nito.AsyncEx's
/// <c>AsyncLock</c>): <c>using (await _mutex.AcquireAsync(ct)) { … }</c> holds <c>_mutex</c> to the end of the
/// <c>using</c>, and <c>using var _ = await _mutex.AcquireAsync();</c> to the end of its block. EasyNetQ's consumer
/// changed its dictionary only inside such regions and was reported four times before.
/// </summary>
public class ScopedAsyncLockTests
{
    private static string Consumer(string stop, string afterHandling = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class AsyncLock
        {
            private readonly SemaphoreSlim _semaphore = new(1, 1);

            public async Task<Releaser> AcquireAsync(CancellationToken cancellationToken = default)
            {
                await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
                return new Releaser(_semaphore);
            }

            public readonly struct Releaser : IDisposable
            {
                private readonly SemaphoreSlim _semaphore;
                public Releaser(SemaphoreSlim semaphore) => _semaphore = semaphore;
                public void Dispose() => _semaphore.Release();
            }
        }

        public sealed class Consumer
        {
            private readonly Dictionary<string, int> _consumers = new();
            private readonly AsyncLock _mutex = new();

            public async Task StartAsync(string queue, CancellationToken cancellationToken)
            {
                using (await _mutex.AcquireAsync(cancellationToken))
                {
                    _consumers[queue] = 1;
                }
            }

            public async Task StopAsync(string queue)
            {
        {{stop}}
            }

            public void OnCancelled(string queue) => _ = HandleCancelledAsync(queue);

            private async Task HandleCancelledAsync(string queue)
            {
                await Task.Delay(1).ConfigureAwait(false);
                using (await _mutex.AcquireAsync().ConfigureAwait(false))
                {
                    _consumers.Remove(queue);
                }
        {{afterHandling}}
            }
        }
        """;

    [Fact]
    public Task Changes_inside_the_async_lock_regions_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Consumer("""
                    using var _ = await _mutex.AcquireAsync().ConfigureAwait(false);
                    _consumers.Remove(queue);
            """));

    [Fact]
    public Task Changes_after_the_using_ends_are_reported()
        // The region ends with the using: a removal after it, on both sides, is a plain race again.
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Consumer("""
                    using (await _mutex.AcquireAsync().ConfigureAwait(false))
                    {
                        _consumers.Remove(queue + "-old");
                    }

                    {|#0:_consumers.Remove(queue)|};
            """, "        {|#1:_consumers.Remove(queue + \"-late\")|};"),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 47, 46)
                .WithArguments("_consumers", "Dictionary<string, int>", "StopAsync", "'StopAsync' can be called while the work its object started at line 47 runs"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithLocation("/0/Test0.cs", 47, 46)
                .WithArguments("_consumers", "Dictionary<string, int>", "HandleCancelledAsync", "'HandleCancelledAsync' runs on several threads (started at line 47)"));
}
