using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A semaphore that admits several holders at once is a throttle, not a lock: what the holders do between
/// <c>WaitAsync</c> and <c>Release</c> runs at the same time (blind set l, R09: a newsletter sender that sends eight
/// messages at a time and records rejections in a shared list). One permit is a lock.
/// </summary>
public class ThrottleTests
{
    private const string Sender = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        class Sender
        {
            private const int One = 1;
            private readonly int _maxConcurrentSends;

            public Sender(int maxConcurrentSends) => _maxConcurrentSends = maxConcurrentSends;

            public async Task<int> SendAsync(IReadOnlyList<string> items)
            {
                using var throttle = CREATION;
                var rejected = new List<string>();

                async Task SendOneAsync(string item)
                {
                    await throttle.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        await Task.Delay(1).ConfigureAwait(false);
                    }
                    catch (System.InvalidOperationException ex)
                    {
                        ADD;
                    }
                    finally
                    {
                        throttle.Release();
                    }
                }

                await Task.WhenAll(items.Select(SendOneAsync)).ConfigureAwait(false);
                return rejected.Count;
            }
        }
        """;

    [Theory]
    [InlineData("new SemaphoreSlim(_maxConcurrentSends)")]
    [InlineData("new SemaphoreSlim(8)")]
    [InlineData("new SemaphoreSlim(initialCount: 4, maxCount: 4)")]
    [InlineData("new SemaphoreSlim(System.Environment.ProcessorCount * 2)")]
    public Task Work_under_a_semaphore_with_several_permits_runs_at_once(string creation)
        => Verify.VerifyAnalyzerAsync(Sender.Replace("CREATION", creation).Replace("ADD", "[|rejected.Add(ex.Message)|]"));

    [Theory]
    [InlineData("new SemaphoreSlim(1, 1)")]
    [InlineData("new SemaphoreSlim(One)")]
    [InlineData("new SemaphoreSlim(initialCount: 1)")]
    public Task Work_under_a_semaphore_with_one_permit_is_excluded(string creation)
        => Verify.VerifyAnalyzerAsync(Sender.Replace("CREATION", creation).Replace("ADD", "rejected.Add(ex.Message)"));
}
