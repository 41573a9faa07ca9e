using System.Runtime.InteropServices;

namespace Crm.TestSupport;

internal static partial class Posix
{
    public const int SigInt = 2;

    [LibraryImport("libc", EntryPoint = "kill")]
    public static partial int Kill(int pid, int signal);
}
