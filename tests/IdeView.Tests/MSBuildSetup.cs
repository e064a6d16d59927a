using Microsoft.Build.Locator;

namespace Forklift.IdeView.Tests;

/// <summary>Finds the installed .NET SDK's MSBuild, once per process, before any MSBuild type is loaded.</summary>
/// <remarks>
/// MSBuildLocator must register before the first method that mentions an MSBuild or MSBuildWorkspace type is
/// compiled by the JIT, so test methods call <see cref="EnsureRegistered"/> and keep their workspace code in separate
/// methods.
/// </remarks>
internal static class MSBuildSetup
{
    private static readonly Lock Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterDefaults();
            }
        }
    }
}
