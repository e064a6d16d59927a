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
}
