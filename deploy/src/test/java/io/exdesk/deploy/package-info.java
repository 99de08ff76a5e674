/** Checks of what ExDesk deploys (images, compose, Kubernetes, Prometheus, Grafana) against the services. */
package io.exdesk.deploy;
