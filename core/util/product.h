#pragma once

namespace bridgelc {

/// The organisation and application names the desktop application registers with Qt, which place its
/// settings and its run store (QStandardPaths::AppDataLocation = <data dir>/<organisation>/<application>).
/// The CLI builds the same path from them, so both list the same runs.
inline constexpr char kOrganizationName[] = "BRIDGE-LC";
inline constexpr char kApplicationName[] = "BRIDGE-LC Explorer";
/// Folder of saved runs under that data directory.
inline constexpr char kRunsFolderName[] = "runs";

}  // namespace bridgelc
