/**
 * Planned: see the face-identity issue. This module is part of the build so the module graph is fixed
 * from the start; it has no behaviour yet and store-edge does not depend on it until it does.
 */
package org.omnistore.face;
