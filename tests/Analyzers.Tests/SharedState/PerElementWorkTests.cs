using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work started once per element by a lambda that does nothing else (<c>items.Select(x => Task.Run(() => Use(x)))</c>):
/// each task gets its own element, so what it changes through that element is its own (blind set i, C23).
/// </summary>
public class PerElementWorkTests
{
    [Fact]
    public Task Each_task_sorts_the_list_of_its_own_section()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class SitemapGenerator
            {
                public async Task<string[]> GenerateAsync(IEnumerable<(string Section, int Priority)> pages)
                {
                    var sections = pages.GroupBy(p => p.Section).Select(g => (Name: g.Key, Pages: g.ToList())).ToList();
                    var tasks = sections.Select(section => Task.Run(() => Render(section.Pages))).ToList();
                    return await Task.WhenAll(tasks);
                }

                private static string Render(List<(string Section, int Priority)> pages)
                {
                    pages.Sort((a, b) => b.Priority.CompareTo(a.Priority));
                    return string.Join(",", pages);
                }
            }
            """);

    [Fact]
    public Task A_list_that_every_task_is_given_is_still_shared()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Collector
            {
                public Task RunAsync(IEnumerable<int> ids)
                {
                    var seen = new List<int>();
                    return Task.WhenAll(ids.Select(id => Task.Run(() => [|seen.Add(id)|])));
                }
            }
            """);

    /// <summary>
    /// Blind set ac, R07: an async method called once per segment in a loop and joined by <c>Task.WhenAll</c>, each call
    /// given the same progress object (a parameter of the starting method): the code after their awaits adds to it at
    /// the same time.
    /// </summary>
    [Fact]
    public Task Async_calls_in_a_loop_given_the_same_progress_object_update_it_together()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Progress
            {
                public long Received { get; private set; }

                internal void Add(int bytes)
                {
                    {|#0:Received += bytes|};
                }
            }

            public sealed class Downloader
            {
                public async Task DownloadAsync(int segments, Progress progress)
                {
                    var tasks = new List<Task>();
                    for (var i = 0; i < segments; i++)
                    {
                        tasks.Add({|#1:FetchAsync(i, progress)|});
                    }

                    await Task.WhenAll(tasks);
                }

                private static async Task FetchAsync(int segment, Progress progress)
                {
                    await Task.Delay(segment);
                    progress.Add(1024);
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("Received", "Add", "'Add' runs on several threads (started at line 21)"));

    /// <summary>The same calls, each given its own progress object made in the loop: nothing is shared.</summary>
    [Fact]
    public Task Async_calls_in_a_loop_given_their_own_progress_objects_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Progress
            {
                public long Received { get; private set; }

                internal void Add(int bytes)
                {
                    Received += bytes;
                }
            }

            public sealed class Downloader
            {
                public async Task<List<Progress>> DownloadAsync(int segments)
                {
                    var tasks = new List<Task>();
                    var all = new List<Progress>();
                    for (var i = 0; i < segments; i++)
                    {
                        var progress = new Progress();
                        all.Add(progress);
                        tasks.Add(FetchAsync(i, progress));
                    }

                    await Task.WhenAll(tasks);
                    return all;
                }

                private static async Task FetchAsync(int segment, Progress progress)
                {
                    await Task.Delay(segment);
                    progress.Add(1024);
                }
            }
            """);
}
